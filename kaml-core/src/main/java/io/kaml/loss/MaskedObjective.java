package io.kaml.loss;

import io.kaml.data.Batch;
import java.util.SplittableRandom;

/**
 * The training objective of every preset: masked, per-action-normalised BCE under a {@link LabelMask}
 * (METHOD §2), optionally blended with RLU's ranking loss (§4):
 * {@code L = gamma * L_BCE + (1 - gamma) * L_rank}. Without ranking, {@code L = L_BCE}.
 * Ranking partners are drawn from a generator seeded by (seed, the batch's first row, its offset), so a
 * run, and a resumed run, draws the same pairs.
 */
public final class MaskedObjective implements Objective {
    private final LabelMask mask;
    private final MaskedBinaryCrossEntropy bce;
    private final PairwiseRankingLoss ranking;
    private final double gamma;
    private final long seed;
    private float[] maskBuffer = new float[0];
    private float[] labelBuffer = new float[0];
    private int[] advertiserBuffer = new int[0];

    /** BCE only. @param weights [actions] per-action loss weights */
    public MaskedObjective(LabelMask mask, float[] weights) {
        this(mask, weights, null, 1.0, 0);
    }

    /**
     * @param ranking RLU's configuration, or null for BCE only
     * @param gamma   the BCE share in [0, 1]
     */
    public MaskedObjective(LabelMask mask, float[] weights, PairwiseRankingLoss.Config ranking, double gamma, long seed) {
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("loss key 'gamma' must be in [0, 1], got " + gamma);
        }
        this.mask = mask;
        this.bce = new MaskedBinaryCrossEntropy(weights);
        this.ranking = ranking == null ? null : new PairwiseRankingLoss(ranking);
        this.gamma = ranking == null ? 1.0 : gamma;
        this.seed = seed;
    }

    public LabelMask mask() {
        return mask;
    }

    @Override
    public double lossAndGradient(Batch data, int[] rows, int from, int to, float[] logits, float[] dLogits) {
        int b = to - from;
        int a = data.actions();
        if (maskBuffer.length < b * a) {
            maskBuffer = new float[b * a];
            labelBuffer = new float[b * a];
            advertiserBuffer = new int[b];
        }
        mask.fill(data, rows, from, to, maskBuffer);
        for (int r = 0; r < b; r++) {
            int i = rows[from + r];
            for (int j = 0; j < a; j++) {
                labelBuffer[r * a + j] = data.label(i, j) == 1 ? 1f : 0f;
            }
            advertiserBuffer[r] = data.advertiser()[i];
        }
        bce.prepare(maskBuffer, b);
        double loss = bce.lossAndGradient(logits, labelBuffer, maskBuffer, b, dLogits);
        if (ranking == null) {
            return loss;
        }
        for (int k = 0; k < b * a; k++) {
            dLogits[k] *= (float) gamma;
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ ((long) rows[from] << 32 | from));
        return gamma * loss + ranking.lossAndGradient(logits, labelBuffer, maskBuffer, advertiserBuffer, b, a, (float) (1 - gamma),
                dLogits, random);
    }
}
