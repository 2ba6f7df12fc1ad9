package io.kaml.loss;

import io.kaml.data.Batch;
import java.util.List;
import java.util.Locale;
import org.hipparchus.distribution.continuous.GammaDistribution;

/**
 * How completely each advertiser reports each action it does not target, estimated from the data, and
 * which of its labels the reliability-aware mask therefore trusts (METHOD §2.5).
 *
 * <p>On advertiser {@code a}'s samples that carry a label of action {@code j} but target another action,
 * {@code R} is the conversions of {@code j} it reported and {@code E} the conversions a first-stage model
 * expects there (the sum of its probabilities; that model learns {@code j} only from samples that target
 * {@code j}, whose labels are complete). {@code s_j}, the rate {@code R/E} of the action's complete
 * reporters ({@link ReporterMixture}), absorbs the model's bias on samples it never learnt {@code j} from.
 * Reported conversions are Poisson with mean {@code c·s_j·E}, {@code c} the completeness relative to the
 * complete reporters; with the Jeffreys prior its posterior is Gamma({@code R + 1/2}, rate {@code s_j·E}).
 * A pair is trusted when the posterior's lower {@code 1 - credibility} quantile is at least
 * {@code threshold}: the bound rises towards the point estimate as evidence grows, so a small advertiser
 * that reports completely is trusted once its expected conversions make that credible, which ADM's count
 * rule ({@code R >= alpha}) never does for an advertiser with fewer than alpha conversions.
 */
public final class ReportCompleteness {
    /**
     * @param threshold   completeness a trusted pair must credibly reach, in (0, 1]
     * @param credibility posterior probability that it does, in (0, 1)
     */
    public record Rule(double threshold, double credibility) {
        public Rule {
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("loss key 'reliable_threshold' must be in (0, 1], got " + threshold);
            }
            if (!(credibility > 0 && credibility < 1)) {
                throw new IllegalArgumentException("loss key 'reliable_credibility' must be in (0, 1), got " + credibility);
            }
        }

        public static Rule defaults() {
            return new Rule(0.5, 0.9);
        }
    }

    private final int actions;
    private final long[] samples;
    private final long[] reported;
    private final double[] expected;
    private final double[] scale;
    private final double[] lowerBound;
    private final Rule rule;

    private ReportCompleteness(int actions, long[] samples, long[] reported, double[] expected, Rule rule) {
        this.actions = actions;
        this.samples = samples;
        this.reported = reported;
        this.expected = expected;
        this.rule = rule;
        int advertisers = reported.length / Math.max(actions, 1);
        this.scale = new double[actions];
        for (int j = 0; j < actions; j++) {
            long[] r = new long[advertisers];
            double[] e = new double[advertisers];
            for (int a = 0; a < advertisers; a++) {
                r[a] = reported[a * actions + j];
                e[a] = expected[a * actions + j];
            }
            scale[j] = ReporterMixture.completeRate(r, e);
        }
        this.lowerBound = new double[reported.length];
        for (int k = 0; k < reported.length; k++) {
            double rate = expected[k] * scale[k % actions];
            lowerBound[k] = rate > 0
                    ? new GammaDistribution(reported[k] + 0.5, 1 / rate).inverseCumulativeProbability(1 - rule.credibility())
                    : 0;
        }
    }

    /** Sums R and E block by block; the blocks' advertiser indices are the dataset's. */
    public static final class Tally {
        private final int actions;
        private final long[] samples;
        private final long[] reported;
        private final double[] expected;

        public Tally(int advertisers, int actions) {
            this.actions = actions;
            this.samples = new long[advertisers * actions];
            this.reported = new long[advertisers * actions];
            this.expected = new double[advertisers * actions];
        }

        /**
         * @param probabilities [block.size(), actions] the first-stage model's probabilities for the block's rows
         */
        public void add(Batch block, float[] probabilities) {
            if (block.actions() != actions || probabilities.length != block.size() * actions) {
                throw new IllegalArgumentException("a block of " + block.size() + " rows x " + block.actions()
                        + " actions with " + probabilities.length + " probabilities, for " + actions + " actions");
            }
            for (int i = 0; i < block.size(); i++) {
                int a = block.advertiser()[i];
                for (int j = 0; j < actions; j++) {
                    byte label = block.label(i, j);
                    if (block.target()[i] == j || label == Batch.UNKNOWN) {
                        continue;
                    }
                    samples[a * actions + j]++;
                    reported[a * actions + j] += label;
                    expected[a * actions + j] += probabilities[i * actions + j];
                }
            }
        }

        public ReportCompleteness estimate(Rule rule) {
            return new ReportCompleteness(actions, samples.clone(), reported.clone(), expected.clone(), rule);
        }
    }

    /** Whether the mask trusts {@code advertiser}'s reported labels of {@code action}; false for one never seen. */
    public boolean trusted(int advertiser, int action) {
        int k = advertiser * actions + action;
        return k < lowerBound.length && trusted(k);
    }

    private boolean trusted(int k) {
        return lowerBound[k] >= rule.threshold();
    }

    /** Samples of the advertiser with a label of {@code action} that target another action. */
    public long samples(int advertiser, int action) {
        return samples[advertiser * actions + action];
    }

    /** R: reported conversions of {@code action} on the advertiser's samples that target another action. */
    public long reported(int advertiser, int action) {
        return reported[advertiser * actions + action];
    }

    /** E: the conversions the first-stage model expects there. */
    public double expected(int advertiser, int action) {
        return expected[advertiser * actions + action];
    }

    /** {@code s_j}: R/E of {@code action}'s complete reporters. */
    public double scale(int action) {
        return scale[action];
    }

    /** The posterior's lower {@code 1 - credibility} quantile of the relative completeness; 0 without expected conversions. */
    public double lowerBound(int advertiser, int action) {
        return lowerBound[advertiser * actions + action];
    }

    public Rule rule() {
        return rule;
    }

    /**
     * One row per advertiser × action that reports labels of an action it does not target:
     * {@code advertiser,action,samples,reported,expected,scale,completeness,lower_bound,trusted}, where samples are
     * those with a label of the action, and completeness is {@code R / (s_j E)}.
     */
    public String toCsv(List<String> advertisers, List<String> actionNames) {
        StringBuilder out = new StringBuilder("advertiser,action,samples,reported,expected,scale,completeness,lower_bound,trusted\n");
        for (int a = 0; a < reported.length / actions; a++) {
            for (int j = 0; j < actions; j++) {
                int k = a * actions + j;
                if (samples[k] == 0) {
                    continue;
                }
                double rate = expected[k] * scale[j];
                out.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.3f,%.4f,%.4f,%.4f,%b%n", csvField(advertisers.get(a)),
                        csvField(actionNames.get(j)), samples[k], reported[k], expected[k], scale[j], rate > 0 ? reported[k] / rate : Double.NaN,
                        lowerBound[k], trusted(k)));
            }
        }
        return out.toString();
    }

    private static String csvField(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** How many advertiser × action pairs with labels of a non-target action the rule trusts, e.g. {@code 41 of 87}. */
    public String summary() {
        int pairs = 0;
        int trusted = 0;
        for (int k = 0; k < reported.length; k++) {
            if (samples[k] > 0) {
                pairs++;
                trusted += trusted(k) ? 1 : 0;
            }
        }
        return String.format(Locale.ROOT, "trusts %d of %d advertiser x action pairs with labels of an action the advertiser does not target "
                + "(completeness credibly >= %.2f at %.0f%%)", trusted, pairs, rule.threshold(), 100 * rule.credibility());
    }
}
