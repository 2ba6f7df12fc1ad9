package io.kaml.model;

import io.kaml.nn.Gradients;

/** One action's head: the task representation to a logit. */
public interface Tower {
    Pass newPass(int maxBatch);

    interface Pass {
        /**
         * @param x        [batch, width] the task's backbone output, kept by reference until backward
         * @param original [batch] 1 where the sample's target is this tower's action, else 0 (HKE routes
         *                 on it; a plain tower ignores it)
         * @return [batch] logits, owned by the pass
         */
        float[] forward(float[] x, float[] original, int batch);

        /**
         * @param dLogits [batch], may be overwritten
         * @param dx      [batch, width], overwritten
         */
        void backward(float[] dLogits, float[] dx, Gradients gradients);
    }
}
