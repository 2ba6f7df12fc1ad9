package io.kaml.eval;

import java.util.Arrays;

/**
 * Group AUC (GAUC): the AUC of each group, averaged with the group's sample count as weight.
 *
 * <p>Used per advertiser (METHOD §7.3): a model can rank well overall only because advertisers differ
 * in base rate, and GAUC removes that between-group part. A group whose samples are all positive or
 * all negative has no AUC; it is skipped and its samples are left out of the denominator too, so the
 * result stays a weighted mean of real AUCs.
 */
public final class GroupAuc {

    private GroupAuc() {
    }

    /**
     * {@code sum_g n_g * AUC_g / sum_g n_g} over the groups that have both classes.
     *
     * @param scores [n] scores
     * @param labels [n] labels
     * @param group [n] group id of each sample; any int, need not be dense
     * @return GAUC in [0, 1], or NaN when no group has both classes (including empty input)
     * @throws IllegalArgumentException if the lengths differ or a score is NaN
     */
    public static double of(float[] scores, boolean[] labels, int[] group) {
        if (scores.length != labels.length || scores.length != group.length) {
            throw new IllegalArgumentException("scores, labels and group must have the same length, got "
                    + scores.length + ", " + labels.length + " and " + group.length);
        }
        // One primitive sort by (group, row) brings each group's rows together without boxing; the
        // per-group sorts inside Auc then add up to O(n log n) as well.
        long[] keys = new long[group.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ((long) group[i] << 32) | i;
        }
        Arrays.sort(keys);

        double[] terms = new double[keys.length];
        int groups = 0;
        long weight = 0;
        int start = 0;
        while (start < keys.length) {
            int id = (int) (keys[start] >> 32);
            int end = start;
            while (end < keys.length && (int) (keys[end] >> 32) == id) {
                end++;
            }
            int[] rows = new int[end - start];
            for (int k = 0; k < rows.length; k++) {
                rows[k] = (int) keys[start + k];
            }
            double auc = Auc.of(scores, labels, rows);
            if (!Double.isNaN(auc)) {
                terms[groups++] = rows.length * auc;
                weight += rows.length;
            }
            start = end;
        }
        // Summed in value order, not group-id order: the same groups numbered differently (an
        // advertiser index built from one split or from all three) must give the same bits.
        Arrays.sort(terms, 0, groups);
        double weightedSum = 0;
        for (int g = 0; g < groups; g++) {
            weightedSum += terms[g];
        }
        return weight == 0 ? Double.NaN : weightedSum / weight;
    }
}
