package io.kaml.sim;

import java.util.random.RandomGenerator;

/**
 * The ground truth: the probability of every action for a click, and label draws consistent with it.
 *
 * <p>Each action has a conditional logit given its parent (activation given the click, registration
 * given activation, ...). The logit sums a part shared by all actions, loaded differently per action,
 * and an action-specific part:
 * <pre>
 *   shared   = user bias + attribute effects + ad quality + creative + context + 0.5 * taste match
 *   z_j      = b_j + loading_j * shared
 *            + taste . direction_j + attribute_j + creative_j + context_j   (action-specific effects)
 *            + industry offset_j + advertiser offset_j + price_j * z(price) + activity_j * z(activity)
 *            + 1.0 if j is the advertiser's target action or one of its ancestors
 *            + affinity_j * affinity(user, industry)
 *            + S * g_{j,target}(user)                        (definitions differ by target, TargetDefinitions)
 *            + W * eta if j is the advertiser's target action   (delivery's latent intent, ClickModel)
 * </pre>
 * The marginal probability of an action is its conditional times its parent's marginal. The
 * intercepts {@code b_j} are solved on a calibration sample of clicks so that the marginals average
 * to the action's base rate, whatever the click distribution ({@code noShift}) or rate targets
 * ({@code noSkew}).
 */
final class ConversionFunnel {
    /** Which world a probability is computed in: the logged one, or a counterfactual that measures a mechanism. */
    enum Variant {
        /** The world as simulated: what the truth file holds and the labels are drawn from. */
        LOGGED,
        /** Every action defined as the advertisers that target it define it ({@link TargetDefinitions}). */
        OWN_DEFINITIONS,
        /** The same click without delivery's latent intent: what the logged features explain ({@link ClickModel}). */
        WITHOUT_INTENT
    }

    private static final double[] SHARED_LOADING = {1.0, 0.9, 0.8, 0.7, 0.8};
    private static final double[] AFFINITY_WEIGHT = {0.3, 0.2, 0.3, 0.2, 0.4};
    // Expensive products convert less at the paying steps; active users come back (retention).
    private static final double[] PRICE_WEIGHT = {0.0, -0.1, -0.3, 0.0, -0.5};
    private static final double[] ACTIVITY_WEIGHT = {0.2, 0.0, 0.15, 0.5, 0.1};
    private static final double MATCH_WEIGHT = 0.5;
    // Advertisers optimise the funnel path to their target action: the logits of the target and of its
    // ancestors are raised, so original (target) samples carry more positives than extended ones.
    private static final double TARGET_OFFSET = 1.0;
    private static final double USER_BIAS_SPREAD = 0.5;
    private static final double AD_QUALITY_SPREAD = 0.4;
    private static final double SHARED_LEVEL_SPREAD = 0.2;
    private static final double SPECIFIC_LEVEL_SPREAD = 0.3;
    private static final double ADVERTISER_ACTION_SPREAD = 0.3;
    private static final double DIRECTION_SPREAD = 0.67;
    // How much the action-specific taste directions have in common (correlation of two of them).
    private static final double DIRECTION_COMMON_SHARE = 0.5;
    private static final int CALIBRATION_CLICKS = 100_000;

    private static final int N = Action.COUNT;
    // The per-click attributes, in the order logitsWithoutIntercept reads their tables.
    private static final Attribute[] CONTEXT = {Attribute.PLACEMENT, Attribute.HOUR, Attribute.WEEKDAY};

    private final double[] intercept = new double[N];
    // Everything that depends on the user alone or the ad alone is summed once up front, so scoring a
    // click costs a handful of lookups per action.
    private final double[] userShared;
    private final double[] userSpecific;
    private final double[] adShared;
    private final double[] adSpecific;
    private final double[][] contextShared;
    private final double[][][] contextSpecific;
    private final TargetDefinitions definitions;

    ConversionFunnel(Population users, Catalog catalog, TargetDefinitions definitions, RandomGenerator rng) {
        this.definitions = definitions;
        int attributes = Attribute.values().length;
        double[][] sharedLevel = new double[attributes][];
        double[][][] specificLevel = new double[N][attributes][];
        for (Attribute attribute : Attribute.values()) {
            double scale = attribute.effectScale();
            sharedLevel[attribute.ordinal()] = gaussians(rng, attribute.levelCount(), scale * SHARED_LEVEL_SPREAD);
            for (int j = 0; j < N; j++) {
                specificLevel[j][attribute.ordinal()] =
                        gaussians(rng, attribute.levelCount(), scale * SPECIFIC_LEVEL_SPREAD);
            }
        }
        double[] common = gaussians(rng, Population.TASTE_DIM, DIRECTION_SPREAD);
        double[][] direction = new double[N][Population.TASTE_DIM];
        double own = Math.sqrt(1 - DIRECTION_COMMON_SHARE * DIRECTION_COMMON_SHARE);
        for (double[] d : direction) {
            for (int k = 0; k < d.length; k++) {
                d[k] = DIRECTION_COMMON_SHARE * common[k] + own * DIRECTION_SPREAD * rng.nextGaussian();
            }
        }

        userShared = new double[users.size];
        userSpecific = new double[users.size * N];
        for (int u = 0; u < users.size; u++) {
            double shared = USER_BIAS_SPREAD * rng.nextGaussian();
            double activity = Math.log(users.activity[u]) / Population.ACTIVITY_LOG_SPREAD;
            for (int a = 0; a < Attribute.USER_ATTRIBUTES.size(); a++) {
                int attribute = Attribute.USER_ATTRIBUTES.get(a).ordinal();
                shared += sharedLevel[attribute][users.levels[a][u]];
            }
            userShared[u] = shared;
            for (int j = 0; j < N; j++) {
                double s = ACTIVITY_WEIGHT[j] * activity;
                for (int a = 0; a < Attribute.USER_ATTRIBUTES.size(); a++) {
                    int attribute = Attribute.USER_ATTRIBUTES.get(a).ordinal();
                    s += specificLevel[j][attribute][users.levels[a][u]];
                }
                for (int k = 0; k < Population.TASTE_DIM; k++) {
                    s += users.taste[u * Population.TASTE_DIM + k] * direction[j][k];
                }
                userSpecific[u * N + j] = s;
            }
        }

        double[] advertiserOffset = gaussians(rng, catalog.advertisers() * N, ADVERTISER_ACTION_SPREAD);
        int creative = Attribute.CREATIVE_TYPE.ordinal();
        adShared = new double[catalog.ads()];
        adSpecific = new double[catalog.ads() * N];
        for (int ad = 0; ad < catalog.ads(); ad++) {
            int advertiser = catalog.adAdvertiser[ad];
            Industry industry = catalog.industry[advertiser];
            double price = (Math.log(catalog.adPrice[ad]) - industry.logPriceMedian()) / industry.logPriceSpread();
            adShared[ad] = AD_QUALITY_SPREAD * rng.nextGaussian() + sharedLevel[creative][catalog.adCreative[ad]];
            for (Action action : Action.values()) {
                int j = action.ordinal();
                adSpecific[ad * N + j] = industry.funnelOffset(action) + advertiserOffset[advertiser * N + j]
                        + specificLevel[j][creative][catalog.adCreative[ad]] + PRICE_WEIGHT[j] * price
                        + (onPathTo(catalog.target[advertiser], action) ? TARGET_OFFSET : 0);
            }
        }

        contextShared = new double[CONTEXT.length][];
        contextSpecific = new double[N][CONTEXT.length][];
        for (int c = 0; c < CONTEXT.length; c++) {
            contextShared[c] = sharedLevel[CONTEXT[c].ordinal()];
            for (int j = 0; j < N; j++) {
                contextSpecific[j][c] = specificLevel[j][CONTEXT[c].ordinal()];
            }
        }
    }

    /**
     * Solves the intercepts ({@link Intercepts}) so that the marginal rate of each action, averaged over
     * clicks drawn by {@code clicks}, equals its base rate. The calibration clicks carry delivery's latent
     * intent like the simulated ones ({@code intentRng}), so the base rates hold with it.
     */
    void calibrate(ClickModel clicks, boolean skewed, RandomGenerator rng, RandomGenerator intentRng) {
        double[][] logits = new double[CALIBRATION_CLICKS][N];
        Click click = new Click();
        for (int i = 0; i < CALIBRATION_CLICKS; i++) {
            clicks.sample(rng, intentRng, rng.nextInt(Attribute.WEEKDAY.levelCount()), click);
            logitsWithoutIntercept(click, Variant.LOGGED, logits[i]);
        }
        System.arraycopy(Intercepts.solve(logits, skewed), 0, intercept, 0, N);
    }

    /** The conditional probability of each action given its parent, and each action's marginal. */
    void probabilities(Click click, double[] conditional, double[] marginal) {
        probabilities(click, Variant.LOGGED, conditional, marginal);
    }

    /** {@link #probabilities(Click, double[], double[])} in a counterfactual world. */
    void probabilities(Click click, Variant variant, double[] conditional, double[] marginal) {
        logitsWithoutIntercept(click, variant, conditional);
        for (Action action : Action.values()) {
            int j = action.ordinal();
            conditional[j] = sigmoid(intercept[j] + conditional[j]);
            marginal[j] = (action.parent() == null ? 1 : marginal[action.parent().ordinal()]) * conditional[j];
        }
    }

    /**
     * Draws true labels walking down the funnel: an action can happen only after its parent. Always
     * consumes one number per action so the stream stays aligned across knobs.
     */
    static void sampleLabels(double[] conditional, RandomGenerator rng, boolean[] labels) {
        for (Action action : Action.values()) {
            int j = action.ordinal();
            boolean parentHappened = action.parent() == null || labels[action.parent().ordinal()];
            labels[j] = rng.nextDouble() < conditional[j] && parentHappened;
        }
    }

    private void logitsWithoutIntercept(Click click, Variant variant, double[] out) {
        double shared = userShared[click.user] + adShared[click.ad] + MATCH_WEIGHT * click.match
                + contextShared[0][click.placement] + contextShared[1][click.hour] + contextShared[2][click.weekday];
        for (int j = 0; j < N; j++) {
            double[][] context = contextSpecific[j];
            out[j] = SHARED_LOADING[j] * shared + userSpecific[click.user * N + j] + adSpecific[click.ad * N + j]
                    + AFFINITY_WEIGHT[j] * click.affinity
                    + context[0][click.placement] + context[1][click.hour] + context[2][click.weekday];
        }
        definitions.addTo(click.user, click.target, variant == Variant.OWN_DEFINITIONS, out);
        if (variant != Variant.WITHOUT_INTENT) {
            out[click.target.ordinal()] += click.targetLift;
        }
    }

    private static boolean onPathTo(Action target, Action action) {
        for (Action step = target; step != null; step = step.parent()) {
            if (step == action) {
                return true;
            }
        }
        return false;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double[] gaussians(RandomGenerator rng, int n, double spread) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = spread * rng.nextGaussian();
        }
        return values;
    }
}
