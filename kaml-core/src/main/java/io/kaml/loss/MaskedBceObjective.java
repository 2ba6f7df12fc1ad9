package io.kaml.loss;

import io.kaml.data.Batch;

/** Masked, per-action-normalised BCE (METHOD §3) under a {@link LabelMask}. */
public final class MaskedBceObjective implements Objective {
    private final LabelMask mask;
    private final MaskedBinaryCrossEntropy bce;
    private float[] maskBuffer = new float[0];
    private float[] labelBuffer = new float[0];

    /** @param weights [actions] per-action loss weights */
    public MaskedBceObjective(LabelMask mask, float[] weights) {
        this.mask = mask;
        this.bce = new MaskedBinaryCrossEntropy(weights);
    }

    @Override
    public double lossAndGradient(Batch data, int[] rows, int from, int to, float[] logits, float[] dLogits) {
        int b = to - from;
        int a = data.actions();
        if (maskBuffer.length < b * a) {
            maskBuffer = new float[b * a];
            labelBuffer = new float[b * a];
        }
        mask.fill(data, rows, from, to, maskBuffer);
        for (int r = 0; r < b; r++) {
            int i = rows[from + r];
            for (int j = 0; j < a; j++) {
                labelBuffer[r * a + j] = data.label(i, j) == 1 ? 1f : 0f;
            }
        }
        bce.prepare(maskBuffer, b);
        return bce.lossAndGradient(logits, labelBuffer, maskBuffer, b, dLogits);
    }
}
