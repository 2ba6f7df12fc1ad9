package io.kaml.model;

import io.kaml.nn.Gradients;

/**
 * The part of a multi-task model between the feature input and the per-action towers: it maps one
 * input row to one representation per task. A new backbone is one implementation plus one entry in
 * {@link BackboneKind}; the model, trainer and file format need no change.
 */
public interface Backbone {
    /** Width of the input row (embeddings and numerical features). */
    int inputWidth();

    /** Width of each task's representation. */
    int outputWidth();

    int tasks();

    /** A worker's forward/backward context with activations for up to {@code maxBatch} rows. */
    Pass newPass(int maxBatch);

    interface Pass {
        /**
         * @param x [batch, inputWidth], kept by reference until {@link #backward}
         * @return [tasks][batch, outputWidth], owned by the pass
         */
        float[][] forward(float[] x, int batch);

        /**
         * Adds parameter gradients to {@code gradients}.
         *
         * @param dOut [tasks][batch, outputWidth], may be overwritten
         * @param dx   [batch, inputWidth], overwritten
         */
        void backward(float[][] dOut, float[] dx, Gradients gradients);
    }
}
