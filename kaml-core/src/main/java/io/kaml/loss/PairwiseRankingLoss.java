package io.kaml.loss;

import java.util.Arrays;
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
 *
 * <p>The <b>pointwise twin</b> ({@link Config#pointwise()}) draws the very same pairs with the same
 * weights but scores each side alone, {@code log(1 + exp(-z_p)) + log(1 + exp(z_q))}: every sample gets
 * the up-weighting the pairs give it (a rare positive about {@code 1 / positives} of its action's ranking
 * weight, ~10× what per-action BCE gives it) without being compared with another. It is the control that
 * tells whether RLU helps by ranking or only by weighting the positives.
 *
 * <p>With {@link Config#sameAdvertiser()} a sample is paired only with samples of its own advertiser in
 * the batch. Advertisers report at different rates, so an unlabeled sample (C) of a poor reporter is
 * more often a hidden conversion than one of a complete reporter; pooled pairs mix the two, pairs within
 * an advertiser compare samples under one reporting rate. The normaliser stays the batch's pair count.
 */
public final class PairwiseRankingLoss {
    /**
     * @param aOverB           rank confirmed conversions above trusted negatives
     * @param aOverC           rank confirmed conversions above unlabeled samples
     * @param cOverB           rank unlabeled samples above trusted negatives
     * @param pairsPerPositive lower-ranked partners drawn per higher-ranked sample
     * @param pointwise        score the pairs' sides alone: the positive-weight control, not RLU
     * @param sameAdvertiser   draw partners only among the same advertiser's samples
     */
    public record Config(boolean aOverB, boolean aOverC, boolean cOverB, int pairsPerPositive, boolean pointwise,
                         boolean sameAdvertiser) {
        public Config {
            if (pairsPerPositive < 1) {
                throw new IllegalArgumentException("ranking key 'pairs_per_positive' must be at least 1, got " + pairsPerPositive);
            }
        }

        /** RLU's pairwise loss. */
        public Config(boolean aOverB, boolean aOverC, boolean cOverB, int pairsPerPositive) {
            this(aOverB, aOverC, cOverB, pairsPerPositive, false, false);
        }

        public static Config defaults() {
            return new Config(true, true, false, 8);
        }

        public Config withPointwise(boolean on) {
            return new Config(aOverB, aOverC, cOverB, pairsPerPositive, on, sameAdvertiser);
        }

        public Config withSameAdvertiser(boolean on) {
            return new Config(aOverB, aOverC, cOverB, pairsPerPositive, pointwise, on);
        }
    }

    private final Config config;
    private int[] kinds = new int[0];
    private int[] a = new int[0];
    private int[] b = new int[0];
    private int[] c = new int[0];
    private int[] scratch = new int[0];
    /** Sizes of kinds A, B, C in {@link #a}, {@link #b}, {@link #c} after {@link #classify}. */
    private int na;
    private int nb;
    private int nc;
    /** Batch rows grouped by advertiser (all rows one group unless pairs stay within an advertiser). */
    private int[] order = new int[0];
    private long[] keys = new long[0];
    private int[] groupStart = new int[0];
    private int groups;

    public PairwiseRankingLoss(Config config) {
        this.config = config;
    }

    /** Pairs drawn from the whole batch; see {@link #lossAndGradient(float[], float[], float[], int[], int, int, float, float[], SplittableRandom)}. */
    public double lossAndGradient(float[] logits, float[] labels, float[] mask, int rows, int actions, float scale,
                                  float[] grad, SplittableRandom random) {
        return lossAndGradient(logits, labels, mask, null, rows, actions, scale, grad, random);
    }

    /**
     * @param logits     [rows, actions]
     * @param labels     [rows, actions] 1 for a reported conversion, else 0
     * @param mask       [rows, actions] 1 where the label is trusted
     * @param advertiser [rows] each row's advertiser; needed only when pairs stay within an advertiser
     * @param scale      multiplies the loss and the gradient (the ranking weight 1 − gamma)
     * @param grad       [rows, actions] dL/dz is ADDED here
     * @param random     draws the partners; pass one seeded per batch for reproducible runs
     * @return the loss, already multiplied by {@code scale}
     */
    public double lossAndGradient(float[] logits, float[] labels, float[] mask, int[] advertiser, int rows, int actions,
                                  float scale, float[] grad, SplittableRandom random) {
        ensure(rows);
        group(advertiser, rows);
        double loss = 0;
        for (int j = 0; j < actions; j++) {
            long pairs = 0;
            for (int g = 0; g < groups; g++) {
                classify(g, labels, mask, actions, j);
                pairs += countPairs(na, nb, nc);
            }
            if (pairs == 0) {
                continue;
            }
            float weight = (float) (scale / (double) pairs);
            double sum = 0;
            for (int g = 0; g < groups; g++) {
                classify(g, labels, mask, actions, j);
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
            }
            loss += scale * sum / pairs;
        }
        return loss;
    }

    /** Sorts group {@code g}'s rows into kinds A, B and C of action {@code j}. */
    private void classify(int g, float[] labels, float[] mask, int actions, int j) {
        na = 0;
        nb = 0;
        nc = 0;
        for (int o = groupStart[g]; o < groupStart[g + 1]; o++) {
            int r = order[o];
            int k = r * actions + j;
            if (labels[k] == 1f) {
                a[na++] = r;
            } else if (mask[k] != 0f) {
                b[nb++] = r;
            } else {
                c[nc++] = r;
            }
        }
    }

    /** Rows in order, grouped by advertiser when pairs stay within one; row order kept inside a group. */
    private void group(int[] advertiser, int rows) {
        for (int r = 0; r < rows; r++) {
            order[r] = r;
        }
        groupStart[0] = 0;
        if (!config.sameAdvertiser()) {
            groups = 1;
            groupStart[1] = rows;
            return;
        }
        if (advertiser == null) {
            throw new IllegalArgumentException("pairs within an advertiser need each row's advertiser");
        }
        // (advertiser, row) packed in a long sorts by advertiser, then row, without boxing.
        for (int r = 0; r < rows; r++) {
            keys[r] = (long) advertiser[r] << 32 | r;
        }
        Arrays.sort(keys, 0, rows);
        groups = 0;
        for (int o = 0; o < rows; o++) {
            order[o] = (int) keys[o];
            if (o == 0 || advertiser[order[o]] != advertiser[order[o - 1]]) {
                groupStart[groups++] = o;
            }
        }
        groupStart[groups] = rows;
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
                if (config.pointwise()) {
                    // d/dz softplus(-z) = -sigmoid(-z); d/dz softplus(z) = sigmoid(z)
                    sum += softplus(-logits[p]) + softplus(logits[q]);
                    grad[p] -= (float) (weight / (1 + Math.exp(logits[p])));
                    grad[q] += (float) (weight / (1 + Math.exp(-logits[q])));
                    continue;
                }
                double margin = logits[p] - logits[q];
                sum += softplus(-margin);
                float g = (float) (weight / (1 + Math.exp(margin)));
                grad[p] -= g;
                grad[q] += g;
            }
        }
        return sum;
    }

    /** log(1 + exp(x)), without overflow for large |x|. */
    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    private void ensure(int rows) {
        if (a.length < rows) {
            a = new int[rows];
            b = new int[rows];
            c = new int[rows];
            kinds = new int[2 * rows];
            scratch = new int[2 * rows];
            order = new int[rows];
            keys = new long[rows];
            groupStart = new int[rows + 1];
        }
    }
}
