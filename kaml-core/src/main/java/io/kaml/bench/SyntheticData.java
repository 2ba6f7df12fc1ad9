package io.kaml.bench;

import io.kaml.data.Batch;
import io.kaml.data.FeatureEncoder;
import io.kaml.data.MissingValues;
import io.kaml.data.NumericalTransform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Encoded samples made directly in memory, for measuring the engine without reading files. The
 * figures they produce are about speed only: labels are random, so there is nothing to learn.
 *
 * <ul>
 *   <li>Categorical ids: field {@code f} draws a popularity rank from a bounded power law (Zipf-like,
 *       density ∝ x^-s on [1, buckets + 1)) with an exponent {@code s} that grows from
 *       {@value #MIN_EXPONENT} for the first field to {@value #MAX_EXPONENT} for the last, then maps
 *       the rank through a per-field random permutation of the buckets, so hot rows are scattered over
 *       the embedding table as hashing scatters them.</li>
 *   <li>Advertisers: {@value #ADVERTISERS}, uniform; each targets one action, drawn with weight
 *       1/(j + 1)^{@value #TARGET_SKEW} for action j, so the first actions are targeted most.</li>
 *   <li>Labels: action j is positive with probability {@value #BASE_RATE}/(j + 1)^{@value #RATE_SKEW};
 *       the target action's label is always reported, every other with probability 1/2 (else unknown).</li>
 * </ul>
 * The same arguments give the same batch.
 */
public final class SyntheticData {
    static final double MIN_EXPONENT = 0.9;
    static final double MAX_EXPONENT = 1.3;
    static final int ADVERTISERS = 300;
    static final double TARGET_SKEW = 1.2;
    static final double BASE_RATE = 0.12;
    static final double RATE_SKEW = 1.5;

    private SyntheticData() {
    }

    /** Field names f0, f1, ...; action names a0, a1, ... */
    public static FeatureEncoder encoder(int fields, int buckets, int actions) {
        if (fields < 1 || buckets < 1 || actions < 1) {
            throw new IllegalArgumentException("need fields, buckets and actions >= 1");
        }
        int[] perField = new int[fields];
        Arrays.fill(perField, buckets);
        return new FeatureEncoder(names("a", actions), names("f", fields), perField, 0, List.of(),
                NumericalTransform.NONE, null, MissingValues.UNKNOWN);
    }

    /**
     * @param rows    samples
     * @param buckets buckets of every field (ids are in [0, buckets))
     * @param seed    all randomness derives from it
     */
    public static Batch generate(int rows, int fields, int buckets, int actions, long seed) {
        if (rows < 1 || fields < 1 || buckets < 1 || actions < 1) {
            throw new IllegalArgumentException("need rows, fields, buckets and actions >= 1");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] categorical = new int[Math.multiplyExact(rows, fields)];
        for (int f = 0; f < fields; f++) {
            double exponent = fields == 1 ? MIN_EXPONENT : MIN_EXPONENT + (MAX_EXPONENT - MIN_EXPONENT) * f / (fields - 1);
            int[] bucketOfRank = permutation(buckets, random);
            for (int i = 0; i < rows; i++) {
                categorical[i * fields + f] = bucketOfRank[powerLawRank(random.nextDouble(), buckets, exponent)];
            }
        }
        double[] targetCdf = cumulative(actions, TARGET_SKEW);
        int[] advertiserTarget = new int[ADVERTISERS];
        for (int a = 0; a < ADVERTISERS; a++) {
            advertiserTarget[a] = draw(targetCdf, random.nextDouble());
        }
        int[] advertiser = new int[rows];
        int[] target = new int[rows];
        byte[] labels = new byte[rows * actions];
        for (int i = 0; i < rows; i++) {
            advertiser[i] = random.nextInt(ADVERTISERS);
            target[i] = advertiserTarget[advertiser[i]];
            for (int j = 0; j < actions; j++) {
                boolean positive = random.nextDouble() < BASE_RATE / Math.pow(j + 1, RATE_SKEW);
                boolean reported = j == target[i] || random.nextBoolean();
                labels[i * actions + j] = reported ? (byte) (positive ? 1 : 0) : Batch.UNKNOWN;
            }
        }
        return new Batch(rows, fields, 0, actions, categorical, new float[0], labels, target, advertiser,
                new int[rows], null);
    }

    /**
     * A rank in [0, n) from a uniform u in [0, 1): the inverse CDF of the density ∝ x^-s on [1, n + 1),
     * floored. Rank 0 is the most popular.
     */
    static int powerLawRank(double u, int n, double s) {
        double x;
        if (Math.abs(s - 1) < 1e-9) {
            x = Math.exp(u * Math.log(n + 1.0));
        } else {
            double top = Math.pow(n + 1.0, 1 - s);
            x = Math.pow(1 + u * (top - 1), 1 / (1 - s));
        }
        return Math.min(n - 1, Math.max(0, (int) x - 1));
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Cumulative weights 1/(j + 1)^skew, normalised to end at 1. */
    private static double[] cumulative(int n, double skew) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += 1 / Math.pow(j + 1, skew);
            cdf[j] = sum;
        }
        for (int j = 0; j < n; j++) {
            cdf[j] /= sum;
        }
        return cdf;
    }

    private static int draw(double[] cdf, double u) {
        for (int j = 0; j < cdf.length - 1; j++) {
            if (u < cdf[j]) {
                return j;
            }
        }
        return cdf.length - 1;
    }

    private static List<String> names(String prefix, int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(prefix + i);
        }
        return names;
    }
}
