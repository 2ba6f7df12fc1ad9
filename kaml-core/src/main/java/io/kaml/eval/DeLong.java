package io.kaml.eval;

import java.util.Arrays;

/**
 * DeLong, DeLong &amp; Clarke-Pearson (1988), "Comparing the areas under two or more correlated receiver
 * operating characteristic curves: a nonparametric approach", Biometrics 44(3): the AUCs of two models
 * scored on the same samples, how much each would move if the test samples were drawn again from the
 * same population, and how much the two move together. Because both models see the same samples their
 * errors are correlated, so the variance of their difference is {@code varianceA + varianceB - 2 covariance},
 * usually far below the sum of the two variances.
 *
 * <p>The estimate rests on each sample's structural component ({@link Placements}): for a positive, the
 * share of negatives it outscores; for a negative, the share of positives that outscore it; a tie counts
 * 1/2. The AUC is the mean of either set, and with {@code m} positives and {@code n} negatives
 * {@code var(AUC) = S10 / m + S01 / n}, where {@code S10} and {@code S01} are the sample variances
 * (divisor {@code k - 1}) of the positives' and the negatives' components; the covariance of two models'
 * AUCs is the same with sample covariances of their components, sample by sample.
 *
 * <p>Computed as Sun &amp; Xu (2014), "Fast implementation of DeLong's algorithm for comparing the areas
 * under correlated receiver operating characteristic curves", IEEE Signal Processing Letters 21(11), do:
 * a positive's component is (its midrank among all samples − its midrank among the positives) / n, which
 * is the number of negatives below it plus half those tied with it, over n; symmetrically for a negative.
 * One sort and one walk over the groups of tied scores give those counts directly, so the cost is
 * O(N log N) rather than the O(m n) of comparing every pair.
 *
 * @param aucA       AUC of model A, equal to {@link Auc#of} on the same input
 * @param aucB       AUC of model B
 * @param varianceA  variance of {@code aucA} over test samples
 * @param varianceB  variance of {@code aucB}
 * @param covariance covariance of {@code aucA} and {@code aucB}
 */
public record DeLong(double aucA, double aucB, double varianceA, double varianceB, double covariance) {

    /** Variance of {@code aucA - aucB} over test samples. */
    public double differenceVariance() {
        return varianceA + varianceB - 2 * covariance;
    }

    /**
     * @param a      [N] scores of model A
     * @param b      [N] scores of model B on the same samples
     * @param labels [N] the samples' labels
     * @return NaN AUCs when only one class is present, NaN variances with fewer than two of either class
     */
    public static DeLong of(float[] a, float[] b, boolean[] labels) {
        return of(Placements.of(a, labels), Placements.of(b, labels));
    }

    /** From two models' components on the same samples with the same labels. */
    public static DeLong of(Placements a, Placements b) {
        if (a.positives.length != b.positives.length || a.negatives.length != b.negatives.length) {
            throw new IllegalArgumentException("placements of different samples: " + a.positives.length + "/" + a.negatives.length
                    + " and " + b.positives.length + "/" + b.negatives.length + " positives/negatives");
        }
        return new DeLong(a.auc, b.auc, a.variance(), b.variance(), a.covariance(b));
    }

    /**
     * One model's structural components, each class in sample order, so that two models' components on
     * the same samples pair up index by index.
     *
     * @param auc       the AUC, NaN when a class is empty
     * @param positives [m] for each positive, the share of negatives it outscores (ties 1/2)
     * @param negatives [n] for each negative, the share of positives that outscore it (ties 1/2)
     */
    public record Placements(double auc, double[] positives, double[] negatives) {

        /**
         * @throws IllegalArgumentException if the lengths differ or a score is NaN
         */
        public static Placements of(float[] scores, boolean[] labels) {
            if (scores.length != labels.length) {
                throw new IllegalArgumentException("scores has " + scores.length + " values but labels has " + labels.length);
            }
            // Each sample's index within its own class, so components land in sample order.
            int[] slot = new int[labels.length];
            int m = 0;
            int n = 0;
            long[] keys = new long[scores.length];
            for (int i = 0; i < scores.length; i++) {
                slot[i] = labels[i] ? m++ : n++;
                keys[i] = Auc.key(scores[i], i);
            }
            Arrays.sort(keys);
            double[] positives = new double[m];
            double[] negatives = new double[n];
            // The same exact pair count as Auc, so the AUC here is Auc's to the last bit.
            long twiceU = 0;
            long negativesBelow = 0;
            long positivesBelow = 0;
            int start = 0;
            while (start < keys.length) {
                int score = (int) (keys[start] >> 32);
                int end = start;
                long groupPositives = 0;
                while (end < keys.length && (int) (keys[end] >> 32) == score) {
                    if (labels[(int) keys[end]]) {
                        groupPositives++;
                    }
                    end++;
                }
                long groupNegatives = end - start - groupPositives;
                double positive = n == 0 ? Double.NaN : (negativesBelow + groupNegatives / 2.0) / n;
                double negative = m == 0 ? Double.NaN : (m - positivesBelow - groupPositives + groupPositives / 2.0) / m;
                for (int k = start; k < end; k++) {
                    int row = (int) keys[k];
                    if (labels[row]) {
                        positives[slot[row]] = positive;
                    } else {
                        negatives[slot[row]] = negative;
                    }
                }
                twiceU += 2 * groupPositives * negativesBelow + groupPositives * groupNegatives;
                negativesBelow += groupNegatives;
                positivesBelow += groupPositives;
                start = end;
            }
            double auc = m == 0 || n == 0 ? Double.NaN : twiceU / (2.0 * m * n);
            return new Placements(auc, positives, negatives);
        }

        /** {@code var(AUC) = S10 / m + S01 / n}; NaN with fewer than two of either class. */
        public double variance() {
            return covariance(this);
        }

        /** Covariance of this model's AUC with {@code other}'s on the same samples; NaN with fewer than two of either class. */
        public double covariance(Placements other) {
            int m = positives.length;
            int n = negatives.length;
            if (m < 2 || n < 2) {
                return Double.NaN;
            }
            return sampleCovariance(positives, other.positives) / m + sampleCovariance(negatives, other.negatives) / n;
        }

        private static double sampleCovariance(double[] x, double[] y) {
            double meanX = 0;
            double meanY = 0;
            for (int i = 0; i < x.length; i++) {
                meanX += x[i];
                meanY += y[i];
            }
            meanX /= x.length;
            meanY /= y.length;
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += (x[i] - meanX) * (y[i] - meanY);
            }
            return sum / (x.length - 1);
        }
    }
}
