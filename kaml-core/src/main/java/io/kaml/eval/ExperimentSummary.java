package io.kaml.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The numbers an experiment report shows (METHOD §6): per preset × backbone, every metric's mean and
 * spread over the seeds; per preset other than {@value #BASE}, RelaImpr over {@value #BASE} on the
 * same backbone (on mean AUC) and the paired t-test of its per-seed AUCs against base's.
 *
 * @param groups      one per backbone × preset, backbones outer, in the order asked for
 * @param comparisons one per backbone × non-base preset; empty when {@value #BASE} was not run
 * @param rarest      the action with the fewest positives in the test split, among those with any;
 *                    null when none has
 * @param unmeasured  actions without a positive in the test split: their AUC is undefined
 * @param hasBase     whether {@value #BASE} was among the presets (else there are no comparisons)
 */
public record ExperimentSummary(List<Group> groups, List<Comparison> comparisons, Rarest rarest, List<String> unmeasured,
                                boolean hasBase) {
    /** The preset every other is compared with: the paper's baseline. */
    public static final String BASE = "base";

    /**
     * @param actions per action, in action order
     * @param allAuc  AUC of the pooled "all" row
     */
    public record Group(String backbone, String preset, Map<String, ActionSpread> actions, Spread allAuc,
                        Spread allLogloss, Spread gauc) {
    }

    /** @param truthAuc AUC against the true labels of every sample, or null without ground truth */
    public record ActionSpread(Spread auc, Spread logloss, Spread truthAuc) {
    }

    /** @param actions per action, in action order */
    public record Comparison(String backbone, String preset, Map<String, Difference> actions, Difference all) {
    }

    /**
     * @param relaImpr RelaImpr in percent of the mean AUC over base's mean AUC
     * @param test     paired over seeds on the per-seed AUCs
     */
    public record Difference(double relaImpr, PairedTTest test) {
    }

    /** @param samples test samples that target the action */
    public record Rarest(String action, int positives, int samples) {
    }

    public static ExperimentSummary of(ExperimentResult result) {
        List<Group> groups = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        boolean hasBase = result.presets().contains(BASE);
        for (String backbone : result.backbones()) {
            for (String preset : result.presets()) {
                groups.add(group(result, backbone, preset));
                if (hasBase && !preset.equals(BASE)) {
                    comparisons.add(compare(result, backbone, preset));
                }
            }
        }
        // Every run saw the same test split, so the first run's counts are every run's.
        Map<String, MetricsReport.ActionMetrics> test = result.runs().getFirst().test().actions();
        List<String> unmeasured = test.entrySet().stream().filter(e -> e.getValue().positives() == 0).map(Map.Entry::getKey).toList();
        return new ExperimentSummary(groups, comparisons, rarest(test), unmeasured, hasBase);
    }

    public Group group(String backbone, String preset) {
        return groups.stream().filter(g -> g.backbone.equals(backbone) && g.preset.equals(preset)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no group " + preset + " on " + backbone));
    }

    /** {@code **} below 0.01, {@code *} below 0.05, else nothing. */
    public static String marker(double p) {
        return p < 0.01 ? "**" : p < 0.05 ? "*" : "";
    }

    private static Group group(ExperimentResult result, String backbone, String preset) {
        List<ExperimentResult.Run> runs = result.runs(preset, backbone);
        Map<String, ActionSpread> actions = new LinkedHashMap<>();
        for (String action : result.actions()) {
            Spread truthAuc = result.hasTruth()
                    ? over(runs, r -> r.test().truth() == null ? Double.NaN : r.test().truth().actions().get(action).auc())
                    : null;
            actions.put(action, new ActionSpread(over(runs, r -> r.test().actions().get(action).auc()),
                    over(runs, r -> r.test().actions().get(action).logloss()), truthAuc));
        }
        return new Group(backbone, preset, actions, over(runs, r -> r.test().all().auc()),
                over(runs, r -> r.test().all().logloss()), over(runs, r -> r.test().gauc()));
    }

    private static Comparison compare(ExperimentResult result, String backbone, String preset) {
        List<ExperimentResult.Run> model = result.runs(preset, backbone);
        List<ExperimentResult.Run> base = result.runs(BASE, backbone);
        Map<String, Difference> actions = new LinkedHashMap<>();
        for (String action : result.actions()) {
            actions.put(action, difference(model, base, r -> r.test().actions().get(action).auc()));
        }
        return new Comparison(backbone, preset, actions, difference(model, base, r -> r.test().all().auc()));
    }

    private static Difference difference(List<ExperimentResult.Run> model, List<ExperimentResult.Run> base,
                                         ToDoubleFunction<ExperimentResult.Run> auc) {
        double[] m = values(model, auc);
        double[] b = values(base, auc);
        return new Difference(RelaImpr.of(Spread.of(m).mean(), Spread.of(b).mean()), PairedTTest.of(m, b));
    }

    private static Rarest rarest(Map<String, MetricsReport.ActionMetrics> test) {
        Rarest rarest = null;
        for (var entry : test.entrySet()) {
            int positives = entry.getValue().positives();
            if (positives > 0 && (rarest == null || positives < rarest.positives)) {
                rarest = new Rarest(entry.getKey(), positives, entry.getValue().n());
            }
        }
        return rarest;
    }

    private static Spread over(List<ExperimentResult.Run> runs, ToDoubleFunction<ExperimentResult.Run> metric) {
        return Spread.of(values(runs, metric));
    }

    private static double[] values(List<ExperimentResult.Run> runs, ToDoubleFunction<ExperimentResult.Run> metric) {
        return runs.stream().mapToDouble(metric).toArray();
    }
}
