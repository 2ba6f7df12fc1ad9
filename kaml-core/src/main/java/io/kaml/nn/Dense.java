package io.kaml.nn;

import java.util.random.RandomGenerator;

/**
 * An affine layer y = x·W + b with W [in, out] and b [out], registered in a {@link ParameterSet} as
 * {@code name.weight} and {@code name.bias}. The layer holds no per-call state, so workers can share
 * one instance; each passes its own activations and gradients.
 */
public final class Dense {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    private final float[] w;
    private final float[] b;

    /** Registers the parameters, draws W from {@code init} and {@code random}, and zeroes b. */
    public Dense(ParameterSet parameters, String name, int in, int out, WeightInit init, RandomGenerator random) {
        this.in = in;
        this.out = out;
        weight = parameters.addDense(name + ".weight", in, out);
        bias = parameters.addDense(name + ".bias", 1, out);
        w = parameters.values(weight);
        b = parameters.values(bias);
        init.fill(w, in, out, random);
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    /**
     * y = x·W + b.
     *
     * @param x [batch, in]
     * @param y [batch, out], overwritten
     */
    public void forward(float[] x, float[] y, int batch) {
        for (int r = 0; r < batch; r++) {
            System.arraycopy(b, 0, y, r * out, out);
        }
        Gemm.multiply(x, w, y, batch, in, out, true);
    }

    /**
     * Adds dW += xᵀ·dy and db += the column sums of dy to {@code gradients}, and writes dx = dy·Wᵀ, or
     * adds it when {@code addToDx} (an input read by several layers gets the sum of their gradients).
     *
     * @param x       [batch, in], the forward input
     * @param dy      [batch, out]
     * @param dx      [batch, in]
     */
    public void backward(float[] x, float[] dy, float[] dx, boolean addToDx, int batch,
                         Gradients gradients) {
        Gemm.multiplyTransposedA(x, dy, gradients.dense(weight), batch, in, out);
        float[] db = gradients.dense(bias);
        for (int r = 0; r < batch; r++) {
            int row = r * out;
            for (int o = 0; o < out; o++) {
                db[o] += dy[row + o];
            }
        }
        Gemm.multiplyTransposedB(dy, w, dx, batch, in, out, addToDx);
    }
}
