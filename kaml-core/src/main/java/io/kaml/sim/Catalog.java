package io.kaml.sim;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Advertisers, their campaigns and their ads. Each advertiser belongs to one industry and optimises
 * one target action drawn from the industry's mix. Budgets are heavy-tailed, so a few advertisers
 * buy most of the clicks, as in real traffic. Ads live in the same latent taste space as users,
 * clustered by industry and then by advertiser.
 */
final class Catalog {
    private static final double BUDGET_LOG_SPREAD = 1.3;
    private static final int MAX_CAMPAIGNS_PER_ADVERTISER = 4;
    private static final double AD_SHARE_LOG_SPREAD = 0.5;
    private static final double INDUSTRY_CENTRE_SPREAD = 0.6;
    private static final double ADVERTISER_SPREAD = 0.6;
    private static final double AD_SPREAD = 0.4;
    private static final double[] CREATIVE_WEIGHTS = {0.35, 0.35, 0.10, 0.10, 0.10};

    private static final int DIM = Population.TASTE_DIM;

    final Industry[] industry;
    final Action[] target;
    final int[] adAdvertiser;
    final int[] adCampaign;
    final int[] adCreative;
    /** The product price, rounded to cents so that the written value is the one the truth used. */
    final double[] adPrice;
    /** Ad vectors, {@code TASTE_DIM} per ad, row-major. */
    final double[] adVector;
    /** Relative click volume of each ad before users are considered. */
    final double[] adPopularity;

    private Catalog(int advertisers, int ads) {
        industry = new Industry[advertisers];
        target = new Action[advertisers];
        adAdvertiser = new int[ads];
        adCampaign = new int[ads];
        adCreative = new int[ads];
        adPrice = new double[ads];
        adVector = new double[ads * DIM];
        adPopularity = new double[ads];
    }

    int advertisers() {
        return industry.length;
    }

    int ads() {
        return adAdvertiser.length;
    }

    static Catalog draw(int advertisers, int ads, RandomGenerator rng) {
        Catalog catalog = new Catalog(advertisers, ads);
        double[][] industryCentre = Population.gaussianTable(rng, Industry.COUNT, DIM, INDUSTRY_CENTRE_SPREAD);
        AliasTable industries = new AliasTable(
                Arrays.stream(Industry.values()).mapToDouble(Industry::advertiserShare).toArray());
        double[] budget = new double[advertisers];
        int[] firstCampaign = new int[advertisers];
        int[] campaignCount = new int[advertisers];
        double[] advertiserVector = new double[advertisers * DIM];
        int campaigns = 0;
        for (int a = 0; a < advertisers; a++) {
            Industry ind = Industry.values()[industries.sample(rng)];
            catalog.industry[a] = ind;
            catalog.target[a] = drawTarget(ind, rng);
            budget[a] = Math.exp(BUDGET_LOG_SPREAD * rng.nextGaussian());
            firstCampaign[a] = campaigns;
            campaignCount[a] = 1 + rng.nextInt(MAX_CAMPAIGNS_PER_ADVERTISER);
            campaigns += campaignCount[a];
            for (int d = 0; d < DIM; d++) {
                advertiserVector[a * DIM + d] = industryCentre[ind.ordinal()][d] + ADVERTISER_SPREAD * rng.nextGaussian();
            }
        }
        ensureEveryActionIsTargeted(catalog);

        // Every advertiser has at least one ad; the rest go preferentially to big spenders.
        double[] sqrtBudget = Arrays.stream(budget).map(Math::sqrt).toArray();
        AliasTable owners = new AliasTable(sqrtBudget);
        AliasTable creatives = new AliasTable(CREATIVE_WEIGHTS);
        double[] share = new double[ads];
        double[] shareTotal = new double[advertisers];
        for (int ad = 0; ad < ads; ad++) {
            int a = ad < advertisers ? ad : owners.sample(rng);
            Industry ind = catalog.industry[a];
            catalog.adAdvertiser[ad] = a;
            catalog.adCampaign[ad] = firstCampaign[a] + rng.nextInt(campaignCount[a]);
            catalog.adCreative[ad] = creatives.sample(rng);
            double price = Math.exp(ind.logPriceMedian() + ind.logPriceSpread() * rng.nextGaussian());
            catalog.adPrice[ad] = Math.max(0.01, Math.round(price * 100) / 100.0);
            for (int d = 0; d < DIM; d++) {
                catalog.adVector[ad * DIM + d] = advertiserVector[a * DIM + d] + AD_SPREAD * rng.nextGaussian();
            }
            share[ad] = Math.exp(AD_SHARE_LOG_SPREAD * rng.nextGaussian());
            shareTotal[a] += share[ad];
        }
        for (int ad = 0; ad < ads; ad++) {
            int a = catalog.adAdvertiser[ad];
            catalog.adPopularity[ad] = budget[a] * share[ad] / shareTotal[a];
        }
        return catalog;
    }

    private static Action drawTarget(Industry industry, RandomGenerator rng) {
        double u = rng.nextDouble();
        for (Action action : Action.values()) {
            u -= industry.targetWeight(action);
            if (u < 0) {
                return action;
            }
        }
        return Action.values()[Action.COUNT - 1];
    }

    /**
     * A small world can miss an action entirely, leaving its task without a single deployment sample.
     * Such an action is given to the advertiser whose industry favours it most among advertisers whose
     * own target is shared with others, so no other action loses its last advertiser.
     */
    private static void ensureEveryActionIsTargeted(Catalog catalog) {
        int[] targeting = new int[Action.COUNT];
        for (Action t : catalog.target) {
            targeting[t.ordinal()]++;
        }
        for (Action missing : Action.values()) {
            if (targeting[missing.ordinal()] > 0) {
                continue;
            }
            int chosen = -1;
            for (int a = 0; a < catalog.advertisers(); a++) {
                boolean movable = targeting[catalog.target[a].ordinal()] > 1;
                if (movable && (chosen < 0 || catalog.industry[a].targetWeight(missing)
                        > catalog.industry[chosen].targetWeight(missing))) {
                    chosen = a;
                }
            }
            targeting[catalog.target[chosen].ordinal()]--;
            catalog.target[chosen] = missing;
            targeting[missing.ordinal()]++;
        }
    }
}
