package io.kaml.nn;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A stack of {@link Dense} layers with ReLU between them (and after the last one when
 * {@code reluOnLast}): the expert, bottom and tower building block. Parameters are
 * {@code name.0.weight}, {@code name.0.bias}, {@code name.1.weight}, ... Activations live in a
 * per-worker {@link Pass}, so one instance serves every thread.
 */
public final class Mlp {
    private final Dense[] layers;
    private final boolean reluOnLast;

    /** @param widths output width of each layer, e.g. [128, 64] for in→128→64 */
    public Mlp(ParameterSet parameters, String name, int in, List<Integer> widths, boolean reluOnLast,
               RandomGenerator random) {
        if (widths.isEmpty()) {
            throw new IllegalArgumentException(name + ": an MLP needs at least one layer");
        }
        layers = new Dense[widths.size()];
        int width = in;
        for (int l = 0; l < layers.length; l++) {
            boolean relu = l < layers.length - 1 || reluOnLast;
            layers[l] = new Dense(parameters, name + "." + l, width, widths.get(l),
                    relu ? WeightInit.HE_UNIFORM : WeightInit.XAVIER_UNIFORM, random);
            width = widths.get(l);
        }
        this.reluOnLast = reluOnLast;
    }

    public int in() {
        return layers[0].in();
    }

    public int out() {
        return layers[layers.length - 1].out();
    }

    public Pass newPass(int maxBatch) {
        return new Pass(maxBatch);
    }

    /** One worker's activations and their gradients, sized for {@code maxBatch} rows. */
    public final class Pass {
        private final float[][] outputs;
        private final float[][] gradients;
        private float[] input;
        private int batch;

        private Pass(int maxBatch) {
            outputs = new float[layers.length][];
            gradients = new float[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                outputs[l] = new float[maxBatch * layers[l].out()];
                gradients[l] = new float[maxBatch * layers[l].out()];
            }
        }

        /**
         * @param x [batch, in], kept by reference until {@link #backward}
         * @return [batch, out], owned by this pass and overwritten by the next forward
         */
        public float[] forward(float[] x, int batch) {
            this.input = x;
            this.batch = batch;
            float[] current = x;
            for (int l = 0; l < layers.length; l++) {
                layers[l].forward(current, outputs[l], batch);
                if (l < layers.length - 1 || reluOnLast) {
                    Relu.forward(outputs[l], outputs[l], batch * layers[l].out());
                }
                current = outputs[l];
            }
            return current;
        }

        /**
         * @param dOut [batch, out], overwritten
         * @param dx   [batch, in]: written, or added to when {@code addToDx}
         */
        public void backward(float[] dOut, float[] dx, boolean addToDx, Gradients grads) {
            float[] d = dOut;
            for (int l = layers.length - 1; l >= 0; l--) {
                if (l < layers.length - 1 || reluOnLast) {
                    Relu.backward(outputs[l], d, d, batch * layers[l].out());
                }
                float[] in = l == 0 ? input : outputs[l - 1];
                float[] dIn = l == 0 ? dx : gradients[l - 1];
                layers[l].backward(in, d, dIn, l == 0 && addToDx, batch, grads);
                d = dIn;
            }
        }
    }
}
