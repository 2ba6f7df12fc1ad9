package io.kaml.eval;

import java.util.Arrays;

/**
 * Exact area under the ROC curve.
 *
 * <p>The AUC is the Mann–Whitney statistic {@code U / (n+ * n-)}, where
 * {@code U = R+ - n+ (n+ + 1) / 2} and {@code R+} is the sum of the positives' ranks with tied
 * scores sharing their average rank. Equivalently, every (positive, negative) pair scores 1 when the
 * positive ranks higher and 1/2 when the two are tied. The pair form is what is computed: walking the
 * tie groups in ascending score order, {@code 2U} stays an exact {@code long}, whereas a rank sum in
 * {@code double} loses integer precision beyond about 10^8 samples.
 *
 * <p>Cost is one sort of {@code n} primitive {@code long} keys: the score's order-preserving bits in
 * the high half, the row in the low half. Nothing is boxed.
 *
 * <p>Returns {@link Double#NaN} when the input has no positive or no negative (including empty
 * input): the AUC is undefined there, and reporting 0.5 would pass for a real measurement.
 */
public final class Auc {

    private Auc() {
    }

    /**
     * AUC of all samples.
     *
     * @param scores [n] scores; any finite or infinite value, higher means more likely positive
     * @param labels [n] labels
     * @return the AUC in [0, 1], or NaN when only one class is present
     * @throws IllegalArgumentException if the lengths differ or a score is NaN
     */
    public static double of(float[] scores, boolean[] labels) {
        checkLengths(scores, labels);
        long[] keys = new long[scores.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(scores[i], i);
        }
        return fromKeys(keys, labels);
    }

    /**
     * AUC of the samples listed in {@code rows}, without copying the scores.
     *
     * @param scores [n] scores
     * @param labels [n] labels
     * @param rows [m] indices into {@code scores} and {@code labels}; a row listed twice counts twice
     * @return the AUC in [0, 1], or NaN when the subset holds only one class
     * @throws IllegalArgumentException if the lengths differ, a row is out of range, or a score is NaN
     */
    public static double of(float[] scores, boolean[] labels, int[] rows) {
        checkLengths(scores, labels);
        long[] keys = new long[rows.length];
        for (int k = 0; k < rows.length; k++) {
            int row = rows[k];
            if (row < 0 || row >= scores.length) {
                throw new IllegalArgumentException(
                        "rows[" + k + "] = " + row + " is outside [0, " + scores.length + ")");
            }
            keys[k] = key(scores[row], row);
        }
        return fromKeys(keys, labels);
    }

    private static void checkLengths(float[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(
                    "scores has " + scores.length + " values but labels has " + labels.length);
        }
    }

    /**
     * Sort key whose signed order is the score's numeric order, ties broken by row. Negative floats
     * have their magnitude bits flipped so that a larger magnitude sorts lower; -0.0 is folded into
     * 0.0 because the two compare equal and must share a rank. {@link DeLong} sorts by the same key.
     */
    static long key(float score, int row) {
        if (Float.isNaN(score)) {
            throw new IllegalArgumentException("score of row " + row + " is NaN");
        }
        int bits = Float.floatToIntBits(score == 0f ? 0f : score);
        int ordered = bits < 0 ? bits ^ 0x7fffffff : bits;
        return ((long) ordered << 32) | (row & 0xffffffffL);
    }

    private static double fromKeys(long[] keys, boolean[] labels) {
        Arrays.sort(keys);
        long twiceU = 0;
        long negativesBelow = 0;
        long positives = 0;
        int start = 0;
        while (start < keys.length) {
            int score = (int) (keys[start] >> 32);
            long groupPositives = 0;
            long groupNegatives = 0;
            int end = start;
            while (end < keys.length && (int) (keys[end] >> 32) == score) {
                if (labels[(int) keys[end]]) {
                    groupPositives++;
                } else {
                    groupNegatives++;
                }
                end++;
            }
            twiceU += 2 * groupPositives * negativesBelow + groupPositives * groupNegatives;
            negativesBelow += groupNegatives;
            positives += groupPositives;
            start = end;
        }
        long negatives = negativesBelow;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return twiceU / (2.0 * positives * negatives);
    }
}
