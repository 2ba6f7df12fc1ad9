package io.kaml.sim;

import java.util.random.RandomGenerator;

/**
 * Conversion definitions that differ by target ({@link SimulatorConfig#definitionShift()}). In real logs
 * the same action name means different things to different advertisers: the "registration" of an
 * advertiser who optimises registrations is a verified account, that of one who optimises payments may
 * be any filled form. So part of action {@code j}'s true logit depends on the advertiser's target
 * {@code t} through the user:
 * <pre>
 *   z_j += S * g_{j,t}(user),   g_{j,t}(u) = (taste_u . r_{j,t} - mean) / sd
 * </pre>
 * with one random direction {@code r_{j,t}} in taste space per (action, target) pair and the mean and
 * standard deviation taken over the users, so that {@code g} has unit variance and {@code S} alone sets
 * the size of the effect. The directions are independent across targets, so an action's rate given the
 * logged features (user id and attributes, which explain about half of the taste, advertiser, industry)
 * differs between its original samples ({@code t = j}) and its extended ones ({@code t != j}).
 *
 * <p>The directions are drawn whatever {@code S}, from a stream of their own, so worlds that differ
 * only in {@code S} share them and at {@code S = 0} nothing else in the world moves.
 */
final class TargetDefinitions {
    private static final int N = Action.COUNT;
    private static final int DIM = Population.TASTE_DIM;

    private final double strength;
    private final double[] taste;
    /** {@code S * r_{j,t} / sd}, {@code DIM} per pair, indexed {@code (t * N + j) * DIM}. */
    private final double[] direction;
    /** {@code -S * mean / sd} per pair, indexed {@code t * N + j}. */
    private final double[] offset;

    private TargetDefinitions(double strength, double[] taste, double[] direction, double[] offset) {
        this.strength = strength;
        this.taste = taste;
        this.direction = direction;
        this.offset = offset;
    }

    static TargetDefinitions draw(Population users, double strength, RandomGenerator rng) {
        double[] direction = new double[N * N * DIM];
        double[] offset = new double[N * N];
        for (int pair = 0; pair < N * N; pair++) {
            for (int k = 0; k < DIM; k++) {
                direction[pair * DIM + k] = rng.nextGaussian();
            }
            if (strength == 0) {
                // addTo adds nothing then; a large population need not pay for the spread.
                continue;
            }
            double sum = 0;
            double sumOfSquares = 0;
            for (int u = 0; u < users.size; u++) {
                double g = dot(users.taste, u * DIM, direction, pair * DIM);
                sum += g;
                sumOfSquares += g * g;
            }
            double mean = sum / users.size;
            double sd = Math.sqrt(Math.max(sumOfSquares / users.size - mean * mean, 0));
            // Users without any spread of taste (a population of one) get no shift rather than a division by 0.
            double scale = sd > 0 ? strength / sd : 0;
            for (int k = 0; k < DIM; k++) {
                direction[pair * DIM + k] *= scale;
            }
            offset[pair] = -mean * scale;
        }
        return new TargetDefinitions(strength, users.taste, direction, offset);
    }

    /**
     * Adds each action's definition shift for the click's user to {@code logits}: as the click's
     * advertiser defines it, or with {@code ownDefinitions} as the advertisers that target the action
     * define it (the counterfactual that measures the mechanism).
     */
    void addTo(int user, Action target, boolean ownDefinitions, double[] logits) {
        if (strength == 0) {
            return;
        }
        for (int j = 0; j < N; j++) {
            int pair = (ownDefinitions ? j : target.ordinal()) * N + j;
            logits[j] += offset[pair] + dot(taste, user * DIM, direction, pair * DIM);
        }
    }

    private static double dot(double[] a, int aFrom, double[] b, int bFrom) {
        double dot = 0;
        for (int k = 0; k < DIM; k++) {
            dot += a[aFrom + k] * b[bFrom + k];
        }
        return dot;
    }
}
