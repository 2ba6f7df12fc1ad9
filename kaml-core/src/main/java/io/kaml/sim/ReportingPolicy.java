package io.kaml.sim;

import java.util.random.RandomGenerator;

/**
 * Who reports what, how completely. An advertiser always reports its target action completely. Any
 * other action it reports with its industry's probability; a reporting advertiser is reliable
 * (reports 95-100% of the conversions) or unreliable (20-60%). A conversion that is not reported is
 * written as 0, indistinguishable from a true negative, as in real logs.
 */
final class ReportingPolicy {
    static final double RELIABLE_SHARE = 0.6;
    static final double RELIABLE_MIN = 0.95;
    private static final double UNRELIABLE_MIN = 0.2;
    private static final double UNRELIABLE_MAX = 0.6;

    private static final int N = Action.COUNT;

    /** Share of an advertiser's true conversions of an action that it reports, {@code N} per advertiser. */
    private final double[] completeness;

    private ReportingPolicy(double[] completeness) {
        this.completeness = completeness;
    }

    /** Draws the policy; with {@code reliableReporting} every advertiser reports everything. */
    static ReportingPolicy draw(Catalog catalog, boolean reliableReporting, RandomGenerator rng) {
        double[] completeness = new double[catalog.advertisers() * N];
        for (int a = 0; a < catalog.advertisers(); a++) {
            Industry industry = catalog.industry[a];
            for (Action action : Action.values()) {
                // Three draws every time, so the knob changes no other advertiser's policy.
                boolean reports = rng.nextDouble() < industry.reportProbability();
                boolean reliable = rng.nextDouble() < RELIABLE_SHARE;
                double level = rng.nextDouble();
                double share;
                if (reliableReporting || catalog.target[a] == action) {
                    share = 1;
                } else if (!reports) {
                    share = 0;
                } else if (reliable) {
                    share = RELIABLE_MIN + (1 - RELIABLE_MIN) * level;
                } else {
                    share = UNRELIABLE_MIN + (UNRELIABLE_MAX - UNRELIABLE_MIN) * level;
                }
                completeness[a * N + action.ordinal()] = share;
            }
        }
        return new ReportingPolicy(completeness);
    }

    /**
     * {@code reporting.csv}: per advertiser and action, the share of its true conversions it reports (1 for its target;
     * postback delays and the attribution window come on top), so that a mask that estimates completeness from the
     * data can be scored against the truth.
     */
    String csv(Catalog catalog) {
        StringBuilder out = new StringBuilder("advertiser_id,action,target,completeness\n");
        for (int a = 0; a < catalog.advertisers(); a++) {
            for (Action action : Action.values()) {
                out.append(a).append(',').append(action.key()).append(',').append(catalog.target[a] == action ? 1 : 0).append(',')
                        .append(FixedPoint.format(completeness(a, action), 4)).append('\n');
            }
        }
        return out.toString();
    }

    double completeness(int advertiser, Action action) {
        return completeness[advertiser * N + action.ordinal()];
    }

    boolean reports(int advertiser, Action action) {
        return completeness(advertiser, action) > 0;
    }

    boolean reportsReliably(int advertiser, Action action) {
        return completeness(advertiser, action) >= RELIABLE_MIN;
    }

    /**
     * The observed labels: a true conversion is reported with the advertiser's completeness. Always
     * consumes one number per action so the stream stays aligned across knobs.
     */
    void observe(int advertiser, boolean[] truth, RandomGenerator rng, boolean[] observed) {
        for (int j = 0; j < N; j++) {
            observed[j] = rng.nextDouble() < completeness[advertiser * N + j] && truth[j];
        }
    }
}
