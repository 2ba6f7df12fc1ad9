package io.kaml.artifact;

import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Copies of a model's parameter values: best-epoch snapshots, checkpoints and model files. */
public final class ParameterValues {
    private ParameterValues() {
    }

    /** Every parameter as a [rows, cols] tensor named like the parameter; the data is copied. */
    public static List<Tensor> copy(ParameterSet parameters) {
        List<Tensor> out = new ArrayList<>();
        for (Parameter p : parameters.parameters()) {
            out.add(new Tensor(p.name(), new int[] {p.rows(), p.cols()}, parameters.values(p).clone()));
        }
        return out;
    }

    /**
     * Like {@link #copy}, into {@code previous}'s arrays when it holds this model's tensors (a best-epoch snapshot
     * taken again): a large table's copy then costs no new memory, and no garbage of its size.
     *
     * @param previous an earlier copy of these parameters, or null
     */
    public static List<Tensor> copyInto(ParameterSet parameters, List<Tensor> previous) {
        if (previous == null || previous.size() != parameters.parameters().size()) {
            return copy(parameters);
        }
        for (int i = 0; i < previous.size(); i++) {
            Parameter p = parameters.parameters().get(i);
            Tensor t = previous.get(i);
            if (!t.name().equals(p.name()) || t.data().length != p.rows() * p.cols()) {
                return copy(parameters);
            }
        }
        for (int i = 0; i < previous.size(); i++) {
            float[] values = parameters.values(parameters.parameters().get(i));
            System.arraycopy(values, 0, previous.get(i).data(), 0, values.length);
        }
        return previous;
    }

    /** Writes {@code tensors} into the live values; names and shapes must match one to one. */
    public static void restore(ParameterSet parameters, List<Tensor> tensors) {
        List<Parameter> all = parameters.parameters();
        if (tensors.size() != all.size()) {
            throw new IllegalArgumentException("expected " + all.size() + " parameter tensors, got " + tensors.size());
        }
        for (int i = 0; i < all.size(); i++) {
            Parameter p = all.get(i);
            Tensor t = tensors.get(i);
            if (!t.name().equals(p.name()) || !Arrays.equals(t.shape(), new int[] {p.rows(), p.cols()})) {
                throw new IllegalArgumentException("parameter " + i + " is " + p.name() + " [" + p.rows() + ", " + p.cols()
                        + "] but the stored tensor is " + t.name() + " " + Arrays.toString(t.shape()));
            }
            System.arraycopy(t.data(), 0, parameters.values(p), 0, t.data().length);
        }
    }
}
