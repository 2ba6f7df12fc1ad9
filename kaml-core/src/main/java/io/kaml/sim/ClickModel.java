package io.kaml.sim;

import java.util.random.RandomGenerator;

/**
 * Draws clicks. A click picks a user in proportion to activity, then an ad with probability
 * proportional to {@code popularity(ad) * exp(MATCH_WEIGHT * match(user, ad) + affinity(user, industry))}.
 * The exact softmax over thousands of ads per click is too slow, so it is approximated by
 * sampling-importance-resampling: {@link #CANDIDATES} ads are drawn by popularity and one of them is
 * kept with probability proportional to its match weight. Because users pick industries they are
 * drawn to, each industry (and so each target action) sees a different user population.
 *
 * <p>With {@code noShift} the user is ignored: the first popularity candidate is the click, so every
 * ad sees the same user distribution.
 *
 * <p><b>Targeted delivery</b> ({@link SimulatorConfig#targetedDelivery()} {@code W > 0}): real delivery is
 * optimised for the advertiser's target action on signals the log does not hold (the bid model's
 * features, the moment, the user's recent behaviour). Each candidate has a latent intent
 * {@code eta ~ N(0, 1)}, drawn from a stream of its own; its weight is multiplied by {@code exp(W * eta)},
 * and the kept click carries {@code W * eta} into the funnel as a lift of the target action's logit. The
 * kept clicks' intents lean positive (resampling tilts {@code N(0, 1)} towards {@code N(W, 1)}: their mean
 * is 0.93 at {@code W = 1} with 32 candidates), so the target converts more on delivered clicks than
 * their features explain, and most where the features alone would not have won the click. With
 * {@code noShift} the candidates are still drawn and kept by intent alone, so users stay independent of
 * industries.
 */
final class ClickModel {
    static final int CANDIDATES = 32;
    static final double MATCH_WEIGHT = 1.0;

    private static final double[] PLACEMENT_WEIGHTS = {0.45, 0.15, 0.10, 0.15, 0.15};
    // Click volume by hour of day: a night trough and an evening peak.
    private static final double[] HOUR_WEIGHTS = {
        2.0, 1.2, 0.7, 0.5, 0.4, 0.5, 1.0, 2.0, 3.0, 3.2, 3.3, 3.5,
        4.0, 3.8, 3.4, 3.3, 3.4, 3.6, 4.0, 4.6, 5.2, 5.5, 4.8, 3.3};

    private final Population users;
    private final Catalog catalog;
    private final boolean noShift;
    private final double delivery;
    private final AliasTable userTable;
    private final AliasTable adTable;
    private final AliasTable placementTable = new AliasTable(PLACEMENT_WEIGHTS);
    private final AliasTable hourTable = new AliasTable(HOUR_WEIGHTS);
    private final int[] candidate = new int[CANDIDATES];
    private final double[] candidateMatch = new double[CANDIDATES];
    private final double[] candidateWeight = new double[CANDIDATES];
    private final double[] candidateIntent = new double[CANDIDATES];

    ClickModel(Population users, Catalog catalog, boolean noShift, double delivery) {
        this.users = users;
        this.catalog = catalog;
        this.noShift = noShift;
        this.delivery = delivery;
        userTable = new AliasTable(users.activity);
        adTable = new AliasTable(catalog.adPopularity);
    }

    /**
     * Fills {@code click} with a fresh click on the given weekday; not thread-safe (reuses buffers).
     * {@code intentRng} is used only with targeted delivery, so without it the clicks are as before.
     */
    void sample(RandomGenerator rng, RandomGenerator intentRng, int weekday, Click click) {
        int user = userTable.sample(rng);
        int kept;
        if (noShift && delivery == 0) {
            candidate[0] = adTable.sample(rng);
            candidateMatch[0] = match(user, candidate[0]);
            candidateIntent[0] = 0;
            kept = 0;
        } else {
            double total = 0;
            for (int k = 0; k < CANDIDATES; k++) {
                int ad = adTable.sample(rng);
                double m = match(user, ad);
                Industry industry = catalog.industry[catalog.adAdvertiser[ad]];
                double affinity = users.industryAffinity[user * Industry.COUNT + industry.ordinal()];
                double intent = delivery > 0 ? intentRng.nextGaussian() : 0;
                candidate[k] = ad;
                candidateMatch[k] = m;
                candidateIntent[k] = intent;
                double preference = noShift ? 0 : MATCH_WEIGHT * m + affinity;
                total += Math.exp(preference + delivery * intent);
                candidateWeight[k] = total;
            }
            kept = pickCumulative(total * rng.nextDouble());
        }
        int ad = candidate[kept];
        click.user = user;
        click.ad = ad;
        click.advertiser = catalog.adAdvertiser[ad];
        click.target = catalog.target[click.advertiser];
        click.match = candidateMatch[kept];
        click.affinity = users.industryAffinity[user * Industry.COUNT + catalog.industry[click.advertiser].ordinal()];
        click.placement = placementTable.sample(rng);
        click.hour = hourTable.sample(rng);
        click.weekday = weekday;
        click.targetLift = delivery * candidateIntent[kept];
    }

    private int pickCumulative(double threshold) {
        for (int k = 0; k < CANDIDATES - 1; k++) {
            if (threshold < candidateWeight[k]) {
                return k;
            }
        }
        return CANDIDATES - 1;
    }

    private double match(int user, int ad) {
        double[] taste = users.taste;
        double[] vector = catalog.adVector;
        int u = user * Population.TASTE_DIM;
        int a = ad * Population.TASTE_DIM;
        double dot = 0;
        for (int d = 0; d < Population.TASTE_DIM; d++) {
            dot += taste[u + d] * vector[a + d];
        }
        return dot;
    }
}
