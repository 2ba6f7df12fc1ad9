package io.kaml.sim;

import java.util.Locale;

/**
 * The industries advertisers belong to. Each row of this table is a stylised fact about real
 * advertising: games mostly buy activations and pay cheaply, finance optimises registrations of
 * expensive products, e-commerce is where most advertisers that optimise the rare purchase action
 * live. The numbers are chosen so that about 5% of advertisers target {@link Action#PURCHASE}.
 *
 * <p>Per-action arrays are in {@link Action} order: activation, registration, payment, retention,
 * purchase.
 */
public enum Industry {
    //          advertiser share, target mix,                      report, price median, spread, funnel offsets
    GAMES(0.25, new double[] {0.50, 0.12, 0.28, 0.08, 0.02}, 0.55, 6, 0.8, new double[] {0.3, -0.2, 0.2, 0.2, -0.8}),
    FINANCE(0.15, new double[] {0.10, 0.55, 0.20, 0.10, 0.05}, 0.35, 200, 1.0, new double[] {-0.3, 0.5, -0.2, -0.2, -0.3}),
    E_COMMERCE(0.20, new double[] {0.25, 0.12, 0.38, 0.10, 0.15}, 0.45, 40, 0.9, new double[] {0.0, -0.2, 0.3, -0.3, 0.9}),
    TOOLS(0.15, new double[] {0.55, 0.20, 0.05, 0.19, 0.01}, 0.40, 3, 0.7, new double[] {0.4, 0.0, -0.5, 0.3, -0.6}),
    EDUCATION(0.15, new double[] {0.25, 0.40, 0.20, 0.13, 0.02}, 0.30, 60, 0.8, new double[] {-0.1, 0.3, 0.0, 0.2, -0.3}),
    TRAVEL(0.10, new double[] {0.20, 0.35, 0.30, 0.07, 0.08}, 0.35, 300, 0.7, new double[] {-0.3, 0.1, 0.1, -0.4, 0.3});

    /** The number of industries, for sizing per-industry arrays. */
    public static final int COUNT = values().length;

    private final double advertiserShare;
    private final double[] targetMix;
    private final double reportProbability;
    private final double logPriceMedian;
    private final double logPriceSpread;
    private final double[] funnelOffset;

    Industry(double advertiserShare, double[] targetMix, double reportProbability, double priceMedian,
             double logPriceSpread, double[] funnelOffset) {
        this.advertiserShare = advertiserShare;
        this.targetMix = targetMix;
        this.reportProbability = reportProbability;
        this.logPriceMedian = Math.log(priceMedian);
        this.logPriceSpread = logPriceSpread;
        this.funnelOffset = funnelOffset;
    }

    /** The lower-case name used in files: {@code games}, {@code e_commerce}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The share of advertisers in this industry. */
    public double advertiserShare() {
        return advertiserShare;
    }

    /** The relative weight of advertisers of this industry that optimise (target) the action. */
    public double targetWeight(Action action) {
        return targetMix[action.ordinal()];
    }

    /** The probability that an advertiser of this industry reports a non-target action at all. */
    public double reportProbability() {
        return reportProbability;
    }

    /** The mean of the log price of this industry's products. */
    public double logPriceMedian() {
        return logPriceMedian;
    }

    /** The standard deviation of the log price of this industry's products. */
    public double logPriceSpread() {
        return logPriceSpread;
    }

    /** The industry's shift of the action's conditional conversion logit. */
    public double funnelOffset(Action action) {
        return funnelOffset[action.ordinal()];
    }
}
