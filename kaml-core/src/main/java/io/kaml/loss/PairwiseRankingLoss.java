package io.kaml.loss;

import java.util.SplittableRandom;

/**
 * RLU's pairwise logistic ranking loss (METHOD §4) for one batch. Per action {@code j} the samples fall
 * in three kinds: <b>A</b> a reported conversion ({@code y = 1}, masked or not), <b>B</b> a trusted
 * negative (masked, {@code y = 0}), <b>C</b> unlabeled (not masked, not 1). Ordered pairs of the enabled
 * kinds (A over B, A over C, C over B) give
 * {@code L = sum_j mean_{(p,q) in P_j} log(1 + exp(-(z_p - z_q)))}. Pairs within a kind are never formed
 * (their order is unknown). Each higher-ranked sample is paired with at most {@code pairsPerPositive}
 * lower ones, drawn without replacement, so the cost stays linear in the batch. An action with no
 * valid pair contributes 0.
 */
public final class PairwiseRankingLoss {
    /**
     * @param aOverB           rank confirmed conversions above trusted negatives
     * @param aOverC           rank confirmed conversions above unlabeled samples
     * @param cOverB           rank unlabeled samples above trusted negatives
     * @param pairsPerPositive lower-ranked partners drawn per higher-ranked sample
     */
    public record Config(boolean aOverB, boolean aOverC, boolean cOverB, int pairsPerPositive) {
        public Config {
            if (pairsPerPositive < 1) {
                throw new IllegalArgumentException("ranking key 'pairs_per_positive' must be at least 1, got " + pairsPerPositive);
            }
        }

        public static Config defaults() {
            return new Config(true, true, false, 8);
        }
    }

    private final Config config;
    private int[] kinds = new int[0];
    private int[] a = new int[0];
    private int[] b = new int[0];
    private int[] c = new int[0];
    private int[] scratch = new int[0];

    public PairwiseRankingLoss(Config config) {
        this.config = config;
    }

    /**
     * @param logits  [rows, actions]
     * @param labels  [rows, actions] 1 for a reported conversion, else 0
     * @param mask    [rows, actions] 1 where the label is trusted
     * @param scale   multiplies the loss and the gradient (the ranking weight 1 − gamma)
     * @param grad    [rows, actions] dL/dz is ADDED here
     * @param random  draws the partners; pass one seeded per batch for reproducible runs
     * @return the loss, already multiplied by {@code scale}
     */
    public double lossAndGradient(float[] logits, float[] labels, float[] mask, int rows, int actions, float scale,
                                  float[] grad, SplittableRandom random) {
        ensure(rows);
        double loss = 0;
        for (int j = 0; j < actions; j++) {
            int na = 0;
            int nb = 0;
            int nc = 0;
            for (int r = 0; r < rows; r++) {
                int k = r * actions + j;
                if (labels[k] == 1f) {
                    a[na++] = r;
                } else if (mask[k] != 0f) {
                    b[nb++] = r;
                } else {
                    c[nc++] = r;
                }
            }
            long pairs = countPairs(na, nb, nc);
            if (pairs == 0) {
                continue;
            }
            float weight = (float) (scale / (double) pairs);
            double sum = 0;
            if (config.aOverB() || config.aOverC()) {
                int candidates = 0;
                if (config.aOverB()) {
                    System.arraycopy(b, 0, kinds, 0, nb);
                    candidates += nb;
                }
                if (config.aOverC()) {
                    System.arraycopy(c, 0, kinds, candidates, nc);
                    candidates += nc;
                }
                sum += rank(a, na, kinds, candidates, logits, actions, j, weight, grad, random);
            }
            if (config.cOverB()) {
                sum += rank(c, nc, b, nb, logits, actions, j, weight, grad, random);
            }
            loss += scale * sum / pairs;
        }
        return loss;
    }

    private long countPairs(int na, int nb, int nc) {
        int k = config.pairsPerPositive();
        long pairs = 0;
        int below = (config.aOverB() ? nb : 0) + (config.aOverC() ? nc : 0);
        if (below > 0) {
            pairs += (long) na * Math.min(k, below);
        }
        if (config.cOverB() && nb > 0) {
            pairs += (long) nc * Math.min(k, nb);
        }
        return pairs;
    }

    /** Pairs each of {@code upper} with up to k of {@code lower}; returns the summed pair losses. */
    private double rank(int[] upper, int nu, int[] lower, int nl, float[] logits, int actions, int j, float weight,
                        float[] grad, SplittableRandom random) {
        if (nu == 0 || nl == 0) {
            return 0;
        }
        int k = Math.min(config.pairsPerPositive(), nl);
        System.arraycopy(lower, 0, scratch, 0, nl);
        double sum = 0;
        for (int u = 0; u < nu; u++) {
            int p = upper[u] * actions + j;
            for (int t = 0; t < k; t++) {
                // partial Fisher-Yates: the first k slots become a uniform sample without replacement
                int pick = t + (k == nl ? 0 : random.nextInt(nl - t));
                int tmp = scratch[t];
                scratch[t] = scratch[pick];
                scratch[pick] = tmp;
                int q = scratch[t] * actions + j;
                double margin = logits[p] - logits[q];
                sum += margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
                float g = (float) (weight / (1 + Math.exp(margin)));
                grad[p] -= g;
                grad[q] += g;
            }
        }
        return sum;
    }

    private void ensure(int rows) {
        if (a.length < rows) {
            a = new int[rows];
            b = new int[rows];
            c = new int[rows];
            kinds = new int[2 * rows];
            scratch = new int[2 * rows];
        }
    }
}
