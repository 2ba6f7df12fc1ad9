package io.kaml.eval;

import java.util.Arrays;

/**
 * The AUC a model has in expectation over labels drawn from the true probabilities: each sample is a
 * positive with weight {@code p_true} and a negative with weight {@code 1 − p_true}, and every ordered pair
 * of distinct samples counts with weight {@code p_i (1 − p_k)}:
 * <pre>
 *   AUC_E = Σ_{i≠k} p_i (1 − p_k) · (1[s_i > s_k] + ½ 1[s_i = s_k]) / Σ_{i≠k} p_i (1 − p_k)
 * </pre>
 * It measures how well the scores order the samples by their true probability, without the noise of
 * one draw of true labels: a model that ranks exactly by {@code p_true} gets the largest value any
 * scores can get on those samples. With probabilities of 0 and 1 it is the ordinary AUC. NaN when the
 * denominator is 0 (every probability 0, or every one 1).
 */
final class ExpectedAuc {
    private ExpectedAuc() {
    }

    /**
     * @param scores        [n] the model's scores
     * @param probabilities [n] the true probabilities, each in [0, 1]
     */
    static double of(float[] scores, float[] probabilities) {
        if (scores.length != probabilities.length) {
            throw new IllegalArgumentException("scores has " + scores.length + " values but probabilities has " + probabilities.length);
        }
        int n = scores.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = Auc.key(scores[i], i);
        }
        Arrays.sort(keys);
        double numerator = 0;
        double negativesBelow = 0;
        double positives = 0;
        double negatives = 0;
        double self = 0;
        int start = 0;
        while (start < n) {
            // A group of tied scores: pairs inside it count one half, pairs with lower scores one.
            int end = start;
            float score = scores[(int) keys[start]];
            double groupPositives = 0;
            double groupNegatives = 0;
            double groupSelf = 0;
            while (end < n && scores[(int) keys[end]] == score) {
                double p = probabilities[(int) keys[end]];
                groupPositives += p;
                groupNegatives += 1 - p;
                groupSelf += p * (1 - p);
                end++;
            }
            numerator += groupPositives * negativesBelow + 0.5 * (groupPositives * groupNegatives - groupSelf);
            negativesBelow += groupNegatives;
            positives += groupPositives;
            negatives += groupNegatives;
            self += groupSelf;
            start = end;
        }
        double denominator = positives * negatives - self;
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }
}
