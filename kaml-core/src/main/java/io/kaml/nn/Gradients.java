package io.kaml.nn;

import java.util.Arrays;
import java.util.List;

/**
 * One worker's gradients, laid out like the {@link ParameterSet} that made it: a dense array per
 * dense parameter and a {@link SparseRows} per sparse one. Layers only ever add into it, so a worker
 * can run several backward passes before the gradients are read, and workers' sets are combined with
 * {@link #addTo} in a fixed order, which keeps training deterministic for a fixed thread count.
 */
public final class Gradients {
    private static final int INITIAL_SPARSE_ROWS = 1024;

    private final List<Parameter> parameters;
    private final float[][] dense;
    private final SparseRows[] sparse;

    Gradients(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        dense = new float[parameters.size()][];
        sparse = new SparseRows[parameters.size()];
        for (Parameter parameter : parameters) {
            if (parameter.sparse()) {
                sparse[parameter.index()] = new SparseRows(parameter.cols(), INITIAL_SPARSE_ROWS);
            } else {
                dense[parameter.index()] = new float[parameter.size()];
            }
        }
    }

    /** The gradient of a dense parameter, [rows, cols]. */
    public float[] dense(Parameter parameter) {
        float[] gradient = dense[checked(parameter).index()];
        if (gradient == null) {
            throw new IllegalArgumentException(parameter.name() + " has a sparse gradient");
        }
        return gradient;
    }

    /** The gradient of a sparse parameter: the rows touched since the last {@link #clear}. */
    public SparseRows sparse(Parameter parameter) {
        SparseRows gradient = sparse[checked(parameter).index()];
        if (gradient == null) {
            throw new IllegalArgumentException(parameter.name() + " has a dense gradient");
        }
        return gradient;
    }

    /** Zeroes every dense gradient and empties every sparse one, keeping the buffers. */
    public void clear() {
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] != null) {
                Arrays.fill(dense[i], 0f);
            } else {
                sparse[i].clear();
            }
        }
    }

    /** target += this, parameter by parameter in registration order. */
    public void addTo(Gradients target) {
        if (!target.parameters.equals(parameters)) {
            throw new IllegalArgumentException("gradient sets of different parameter sets");
        }
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] != null) {
                float[] from = dense[i];
                float[] to = target.dense[i];
                for (int j = 0; j < from.length; j++) {
                    to[j] += from[j];
                }
            } else {
                target.sparse[i].addAll(sparse[i]);
            }
        }
    }

    private Parameter checked(Parameter parameter) {
        if (parameter.index() >= parameters.size() || !parameters.get(parameter.index()).equals(parameter)) {
            throw new IllegalArgumentException(parameter.name() + " is not in this gradient set");
        }
        return parameter;
    }
}
