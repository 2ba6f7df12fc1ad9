package io.kaml.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of a model's parameters, by name. Each value array is allocated once and only ever
 * updated in place, so layers keep a reference to it and several training workers can read the same
 * values while each accumulates into its own {@link Gradients}.
 */
public final class ParameterSet {
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<float[]> values = new ArrayList<>();
    private final Map<String, Parameter> byName = new HashMap<>();

    /** Registers a zero-filled [rows, cols] parameter whose gradient is dense. */
    public Parameter addDense(String name, int rows, int cols) {
        return add(name, rows, cols, false);
    }

    /**
     * Registers a zero-filled [rows, cols] table whose gradient holds only the rows a batch touched;
     * for embedding tables, where a dense gradient would cost as much as the table.
     */
    public Parameter addSparse(String name, int rows, int cols) {
        return add(name, rows, cols, true);
    }

    private Parameter add(String name, int rows, int cols, boolean sparse) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException(name + ": bad shape " + rows + " x " + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(name + ": " + rows + " x " + cols + " weights are more than one Java array holds (2^31);"
                    + " lower the buckets (encoding) or the width (e.g. --embedding-dim)");
        }
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter name " + name);
        }
        Parameter parameter = new Parameter(parameters.size(), name, rows, cols, sparse);
        parameters.add(parameter);
        values.add(new float[rows * cols]);
        byName.put(name, parameter);
        return parameter;
    }

    /** The live values of {@code parameter}, [rows, cols] row-major. */
    public float[] values(Parameter parameter) {
        return values.get(owned(parameter).index());
    }

    public Parameter get(String name) {
        Parameter parameter = byName.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return parameter;
    }

    /** All parameters in registration order. */
    public List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** A zeroed gradient set with this set's layout, for one worker. */
    public Gradients newGradients() {
        return new Gradients(parameters);
    }

    private Parameter owned(Parameter parameter) {
        if (parameter.index() >= parameters.size() || parameters.get(parameter.index()) != parameter) {
            throw new IllegalArgumentException(parameter.name() + " is not a parameter of this set");
        }
        return parameter;
    }
}
