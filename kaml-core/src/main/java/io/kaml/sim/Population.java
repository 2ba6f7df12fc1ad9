package io.kaml.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The users: observable attributes, an activity level (how often they click) and two latent
 * quantities the files never show: a taste vector, which decides which ads they click and convert
 * on, and an affinity to each industry. Both latent quantities are partly explained by the
 * attributes, so the attributes carry signal a model can learn and generalise across users.
 *
 * <p>Stored column-wise in primitive arrays: the simulator reads them once per click.
 */
final class Population {
    /** Dimension of the latent taste space shared by users and ads. */
    static final int TASTE_DIM = 8;

    private static final double[] AGE_WEIGHTS = {0.18, 0.27, 0.27, 0.17, 0.11};
    private static final double[] GENDER_WEIGHTS = {0.48, 0.47, 0.05};
    private static final double[] TIER_WEIGHTS = {0.15, 0.25, 0.25, 0.20, 0.15};
    // Non-apple devices, in Attribute.DEVICE order after apple; apple's share falls with the city tier.
    private static final double[] OTHER_DEVICE_WEIGHTS = {0.20, 0.17, 0.14, 0.14, 0.05, 0.05};
    private static final double HARMONY_SHARE_OF_HUAWEI = 0.6;
    static final double ACTIVITY_LOG_SPREAD = 0.8;
    private static final double TASTE_BY_ATTRIBUTE_SPREAD = 0.12;
    private static final double TASTE_NOISE = 0.25;
    private static final double AFFINITY_BY_ATTRIBUTE_SPREAD = 0.5;
    private static final double AFFINITY_NOISE = 0.4;

    final int size;
    /** Level index of each user attribute, indexed {@code [attribute in USER_ATTRIBUTES order][user]}. */
    final int[][] levels;
    /** Expected clicks relative to the average user; log-normal with median 1. */
    final double[] activity;
    /** Taste vectors, {@code TASTE_DIM} per user, row-major. */
    final double[] taste;
    /** How much each user is drawn to each industry's ads, {@code Industry.COUNT} per user. */
    final double[] industryAffinity;

    private Population(int size) {
        this.size = size;
        levels = new int[Attribute.USER_ATTRIBUTES.size()][size];
        activity = new double[size];
        taste = new double[size * TASTE_DIM];
        industryAffinity = new double[size * Industry.COUNT];
    }

    static Population draw(int size, RandomGenerator rng) {
        List<Attribute> attributes = Attribute.USER_ATTRIBUTES;
        double[][][] tasteByLevel = new double[attributes.size()][][];
        double[][][] affinityByLevel = new double[attributes.size()][][];
        for (int a = 0; a < attributes.size(); a++) {
            tasteByLevel[a] = gaussianTable(rng, attributes.get(a).levelCount(), TASTE_DIM, TASTE_BY_ATTRIBUTE_SPREAD);
            affinityByLevel[a] = gaussianTable(rng, attributes.get(a).levelCount(), Industry.COUNT,
                    AFFINITY_BY_ATTRIBUTE_SPREAD);
        }
        AliasTable age = new AliasTable(AGE_WEIGHTS);
        AliasTable gender = new AliasTable(GENDER_WEIGHTS);
        AliasTable tier = new AliasTable(TIER_WEIGHTS);
        Population users = new Population(size);
        for (int u = 0; u < size; u++) {
            int cityTier = tier.sample(rng);
            int device = drawDevice(cityTier, rng);
            int[] userLevels = {age.sample(rng), gender.sample(rng), cityTier, device, osOf(device, rng)};
            for (int a = 0; a < userLevels.length; a++) {
                users.levels[a][u] = userLevels[a];
            }
            users.activity[u] = Math.exp(ACTIVITY_LOG_SPREAD * rng.nextGaussian());
            for (int d = 0; d < TASTE_DIM; d++) {
                double t = TASTE_NOISE * rng.nextGaussian();
                for (int a = 0; a < userLevels.length; a++) {
                    t += tasteByLevel[a][userLevels[a]][d];
                }
                users.taste[u * TASTE_DIM + d] = t;
            }
            for (int i = 0; i < Industry.COUNT; i++) {
                double affinity = AFFINITY_NOISE * rng.nextGaussian();
                for (int a = 0; a < userLevels.length; a++) {
                    affinity += affinityByLevel[a][userLevels[a]][i];
                }
                users.industryAffinity[u * Industry.COUNT + i] = affinity;
            }
        }
        return users;
    }

    private static int drawDevice(int cityTier, RandomGenerator rng) {
        double appleShare = 0.35 - 0.06 * cityTier;
        if (rng.nextDouble() < appleShare) {
            return 0;
        }
        double u = rng.nextDouble() * sum(OTHER_DEVICE_WEIGHTS);
        for (int i = 0; i < OTHER_DEVICE_WEIGHTS.length - 1; i++) {
            u -= OTHER_DEVICE_WEIGHTS[i];
            if (u < 0) {
                return i + 1;
            }
        }
        return OTHER_DEVICE_WEIGHTS.length;
    }

    // Device and OS are strongly tied, as in real logs: apple runs ios, huawei mostly harmonyos.
    private static int osOf(int device, RandomGenerator rng) {
        if (device == 0) {
            return 0;
        }
        boolean harmony = device == 1 && rng.nextDouble() < HARMONY_SHARE_OF_HUAWEI;
        return harmony ? 2 : 1;
    }

    static double[][] gaussianTable(RandomGenerator rng, int rows, int columns, double spread) {
        double[][] table = new double[rows][columns];
        for (double[] row : table) {
            for (int c = 0; c < columns; c++) {
                row[c] = spread * rng.nextGaussian();
            }
        }
        return table;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
