package io.kaml.sim;

import io.kaml.data.Split;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a simulation produced, counted while the files were written: per action the true and the
 * observed positive rates and who targets and reports it; per split the number of samples.
 *
 * @param samples     samples per split
 * @param users       size of the user population
 * @param advertisers number of advertisers
 * @param ads         number of ads
 * @param actions     one summary per action, in {@link Action} order
 * @param effects     what the mechanisms of issue 13 §2 that are on did
 */
public record SimulationSummary(Map<Split, Long> samples, int users, int advertisers, int ads,
                                List<ActionSummary> actions, MechanismEffects effects) {

    /**
     * @param action               the action's key
     * @param truePositives        samples (all splits) on which the action truly happened
     * @param observedPositives    samples whose written label is 1
     * @param baseRate             true positives over all samples
     * @param observedRate         written positives over all samples
     * @param targetingAdvertisers advertisers whose target is this action
     * @param reportingAdvertisers advertisers reporting it at all (their target included)
     * @param reliableAdvertisers  of those, advertisers reporting at least 95% of its conversions
     * @param targetSamples        samples whose advertiser targets this action
     */
    public record ActionSummary(String action, long truePositives, long observedPositives, double baseRate,
                                double observedRate, int targetingAdvertisers, int reportingAdvertisers,
                                int reliableAdvertisers, long targetSamples) {
    }

    public SimulationSummary {
        samples = Map.copyOf(samples);
        actions = List.copyOf(actions);
    }

    /** The number of samples over all splits. */
    public long totalSamples() {
        return samples.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The fixed-width table the CLI prints. */
    public String table() {
        StringBuilder text = new StringBuilder();
        String row = "%-13s %10s %10s %10s %10s %10s %14s%n";
        text.append(String.format(Locale.ROOT, row, "action", "base rate", "observed", "targeting", "reporting",
                "reliably", "target samples"));
        int targeting = 0;
        long targetSamples = 0;
        for (ActionSummary a : actions) {
            text.append(String.format(Locale.ROOT, row, a.action(), percent(a.baseRate()), percent(a.observedRate()),
                    a.targetingAdvertisers(), a.reportingAdvertisers(), a.reliableAdvertisers(), a.targetSamples()));
            targeting += a.targetingAdvertisers();
            targetSamples += a.targetSamples();
        }
        text.append(String.format(Locale.ROOT, row, "all", "", "", targeting, "", "", targetSamples));
        text.append(String.format(Locale.ROOT, "samples: %d train, %d valid, %d test; %d users, %d advertisers, %d ads%n",
                samples.get(Split.TRAIN), samples.get(Split.VALID), samples.get(Split.TEST), users, advertisers, ads));
        effects.lines().forEach(line -> text.append(line).append(System.lineSeparator()));
        return text.toString();
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.3f%%", 100 * rate);
    }

    /** Counts samples and positives as rows are written. */
    static final class Tally {
        private final long[] samples = new long[Split.values().length];
        private final long[] truePositives = new long[Action.COUNT];
        private final long[] observedPositives = new long[Action.COUNT];
        private final long[] targetSamples = new long[Action.COUNT];

        void add(Split split, Action target, boolean[] truth, boolean[] written) {
            samples[split.ordinal()]++;
            targetSamples[target.ordinal()]++;
            for (int j = 0; j < Action.COUNT; j++) {
                if (truth[j]) {
                    truePositives[j]++;
                }
                if (written[j]) {
                    observedPositives[j]++;
                }
            }
        }

        SimulationSummary summarise(World world, MechanismEffects effects) {
            Map<Split, Long> perSplit = new EnumMap<>(Split.class);
            long total = 0;
            for (Split split : Split.values()) {
                perSplit.put(split, samples[split.ordinal()]);
                total += samples[split.ordinal()];
            }
            Catalog catalog = world.catalog;
            List<ActionSummary> actions = new ArrayList<>();
            for (Action action : Action.values()) {
                int j = action.ordinal();
                int targeting = 0;
                int reporting = 0;
                int reliable = 0;
                for (int a = 0; a < catalog.advertisers(); a++) {
                    targeting += catalog.target[a] == action ? 1 : 0;
                    reporting += world.reporting.reports(a, action) ? 1 : 0;
                    reliable += world.reporting.reportsReliably(a, action) ? 1 : 0;
                }
                actions.add(new ActionSummary(action.key(), truePositives[j], observedPositives[j],
                        (double) truePositives[j] / total, (double) observedPositives[j] / total,
                        targeting, reporting, reliable, targetSamples[j]));
            }
            return new SimulationSummary(perSplit, world.users.size, catalog.advertisers(), catalog.ads(), actions,
                    effects);
        }
    }
}
