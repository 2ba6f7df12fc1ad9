package io.kaml.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The numbers an experiment report shows (METHOD §7.5): per preset × backbone, every metric's mean and
 * spread over the seeds, and for AUCs a 95% interval that counts the test set's sampling error too; per
 * preset other than the reference (by default {@value #BASE}), RelaImpr over the reference on the same backbone (on mean AUC) and
 * the {@link AucEstimate} of its AUC difference, whose p decides significance unless the test samples
 * are too few to decide ({@link TestCount}). With ground truth, the same comparison on the true labels:
 * the same estimate and rule on other cells ({@link AucEstimates#truth}).
 *
 * @param groups      one per backbone × preset, backbones outer, in the order asked for
 * @param comparisons one per backbone × preset other than the reference; empty when the reference was not run
 * @param truthComparisons the same on the true labels of the test samples that target each action, without "all"; empty without
 *                    ground truth
 * @param tests       per action, in action order, the test samples its AUC is measured on
 * @param allTest     the test samples of the "all" AUC
 * @param truthTests  per action, the test samples and their true positives; empty without ground truth
 * @param rarest      the action with the fewest positives in the test split, among those with any;
 *                    null when none has
 * @param unmeasured  actions without a positive in the test split: their AUC is undefined
 * @param hasBase     whether the reference was among the presets (else there are no comparisons)
 * @param reference   the preset every other is compared with: {@value #BASE} unless a step is to be tested
 *                    (e.g. adm, to test adm+hke against it)
 */
public record ExperimentSummary(List<Group> groups, List<Comparison> comparisons, List<Comparison> truthComparisons,
                                Map<String, TestCount> tests, TestCount allTest, Map<String, TestCount> truthTests, Rarest rarest,
                                List<String> unmeasured, boolean hasBase, String reference) {
    /** The preset every other is compared with by default: the paper's baseline. */
    public static final String BASE = "base";
    /** Below this p a decided difference is significant, marked {@code *}. */
    public static final double SIGNIFICANT = 0.05;
    /** Below this p it is marked {@code **}. */
    public static final double HIGHLY_SIGNIFICANT = 0.01;

    /**
     * @param actions     per action, in action order
     * @param allAuc      AUC of the pooled "all" row
     * @param allInterval the mean "all" AUC with its interval
     * @param allEce      ECE of every sample's target prediction, over the seeds
     * @param curve       per epoch, the training loss and validation AUC over the seeds that ran it
     */
    public record Group(String backbone, String preset, Map<String, ActionSpread> actions, Spread allAuc, AucEstimate allInterval,
                        Spread allLogloss, Spread allEce, Spread gauc, List<TrainingCurve.EpochSpread> curve) {
    }

    /**
     * @param interval    the mean AUC with its interval (seeds and test sample)
     * @param truthAuc    AUC against the true labels of the samples that target the action, or null without ground truth
     * @param truthInterval its mean with its interval, or null without ground truth
     * @param ece         expected calibration error on the samples that target the action ({@link Calibrations})
     * @param calibration their reliability curve, bin by bin the mean over the seeds
     */
    public record ActionSpread(Spread auc, AucEstimate interval, Spread logloss, Spread truthAuc, AucEstimate truthInterval,
                               Spread ece, ReliabilityCurve calibration) {
    }

    /**
     * @param actions per action, in action order
     * @param all     on the pooled target cells; null on the true labels, which have no such row
     */
    public record Comparison(String backbone, String preset, Map<String, Difference> actions, Difference all) {
    }

    /**
     * @param relaImpr RelaImpr in percent of the mean AUC over base's mean AUC
     * @param test     the mean AUC difference over seeds with its p and interval
     * @param count    the test samples it is measured on
     */
    public record Difference(double relaImpr, AucEstimate test, TestCount count) {
        public enum Verdict { SIGNIFICANT, NOT_SIGNIFICANT, UNDECIDED, UNTESTED }

        /** Untested without a defined AUC, undecided on too few test samples whatever p is, else by p. */
        public Verdict verdict() {
            if (Double.isNaN(test.mean())) {
                return Verdict.UNTESTED;
            }
            if (!count.decidable()) {
                return Verdict.UNDECIDED;
            }
            return test.p() < SIGNIFICANT ? Verdict.SIGNIFICANT : Verdict.NOT_SIGNIFICANT;
        }

        /** {@code **} below {@value #HIGHLY_SIGNIFICANT}, {@code *} below {@value #SIGNIFICANT}, only when decided; else nothing. */
        public String marker() {
            return verdict() != Verdict.SIGNIFICANT ? "" : test.p() < HIGHLY_SIGNIFICANT ? "**" : "*";
        }
    }

    /** @param samples test samples that target the action */
    public record Rarest(String action, int positives, int samples) {
    }

    /** Every preset against {@value #BASE}. */
    public static ExperimentSummary of(ExperimentResult result) {
        return of(result, BASE);
    }

    /** Every preset against {@code reference}. */
    public static ExperimentSummary of(ExperimentResult result, String reference) {
        AucEstimates estimates = AucEstimates.observed(result.test());
        AucEstimates truth = result.hasTruth() ? AucEstimates.truth(result.testTruth(), result.test()) : null;
        Calibrations calibrations = new Calibrations(result.test());
        List<Group> groups = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        List<Comparison> truthComparisons = new ArrayList<>();
        boolean hasBase = result.presets().contains(reference);
        for (String backbone : result.backbones()) {
            for (String preset : result.presets()) {
                groups.add(group(result, estimates, truth, calibrations, backbone, preset));
                if (hasBase && !preset.equals(reference)) {
                    comparisons.add(compare(result, estimates, backbone, preset, reference, (r, a) -> r.test().actions().get(a).auc(),
                            r -> r.test().all().auc()));
                    if (truth != null) {
                        truthComparisons.add(compare(result, truth, backbone, preset, reference,
                                (r, a) -> r.test().truth().serving().get(a).auc(), null));
                    }
                }
            }
        }
        Map<String, TestCount> tests = counts(result, estimates);
        List<String> unmeasured = tests.entrySet().stream().filter(e -> e.getValue().positives() == 0).map(Map.Entry::getKey).toList();
        return new ExperimentSummary(groups, comparisons, truthComparisons, tests, estimates.count(AucEstimates.ALL),
                truth == null ? Map.of() : counts(result, truth), rarest(tests), unmeasured, hasBase, reference);
    }

    public Group group(String backbone, String preset) {
        return groups.stream().filter(g -> g.backbone.equals(backbone) && g.preset.equals(preset)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no group " + preset + " on " + backbone));
    }

    /** Per action, in action order, the test samples of its AUC. */
    private static Map<String, TestCount> counts(ExperimentResult result, AucEstimates estimates) {
        Map<String, TestCount> counts = new LinkedHashMap<>();
        for (int j = 0; j < result.actions().size(); j++) {
            counts.put(result.actions().get(j), estimates.count(j));
        }
        return counts;
    }

    /** @param truth the true-label estimates, or null without ground truth */
    private static Group group(ExperimentResult result, AucEstimates estimates, AucEstimates truth, Calibrations calibrations,
                               String backbone, String preset) {
        List<ExperimentResult.Run> runs = result.runs(preset, backbone);
        Map<String, ActionSpread> actions = new LinkedHashMap<>();
        for (int j = 0; j < result.actions().size(); j++) {
            String action = result.actions().get(j);
            Spread truthAuc = result.hasTruth()
                    ? over(runs, r -> r.test().truth() == null ? Double.NaN : r.test().truth().serving().get(action).auc())
                    : null;
            actions.put(action, new ActionSpread(over(runs, r -> r.test().actions().get(action).auc()), estimates.mean(runs, j),
                    over(runs, r -> r.test().actions().get(action).logloss()), truthAuc, truth == null ? null : truth.mean(runs, j),
                    calibrations.ece(runs, j),
                    calibrations.meanCurve(runs, j)));
        }
        return new Group(backbone, preset, actions, over(runs, r -> r.test().all().auc()), estimates.mean(runs, AucEstimates.ALL),
                over(runs, r -> r.test().all().logloss()), calibrations.ece(runs, Calibrations.ALL), over(runs, r -> r.test().gauc()),
                TrainingCurve.overRuns(runs.stream().map(ExperimentResult.Run::curve).toList()));
    }

    /** A run's AUC of an action, as its metrics report it: what RelaImpr is computed from. */
    @FunctionalInterface
    private interface ActionAuc {
        double of(ExperimentResult.Run run, String action);
    }

    /**
     * @param auc    the AUCs RelaImpr compares, on the cells {@code estimates} test
     * @param allAuc the "all" AUC, or null for no "all" row
     */
    private static Comparison compare(ExperimentResult result, AucEstimates estimates, String backbone, String preset, String reference,
                                      ActionAuc auc, ToDoubleFunction<ExperimentResult.Run> allAuc) {
        List<ExperimentResult.Run> model = result.runs(preset, backbone);
        List<ExperimentResult.Run> base = result.runs(reference, backbone);
        Map<String, Difference> actions = new LinkedHashMap<>();
        for (int j = 0; j < result.actions().size(); j++) {
            String action = result.actions().get(j);
            actions.put(action, difference(model, base, r -> auc.of(r, action), estimates, j));
        }
        return new Comparison(backbone, preset, actions,
                allAuc == null ? null : difference(model, base, allAuc, estimates, AucEstimates.ALL));
    }

    private static Difference difference(List<ExperimentResult.Run> model, List<ExperimentResult.Run> base,
                                         ToDoubleFunction<ExperimentResult.Run> auc, AucEstimates estimates, int action) {
        double relaImpr = RelaImpr.of(over(model, auc).mean(), over(base, auc).mean());
        return new Difference(relaImpr, estimates.difference(model, base, action), estimates.count(action));
    }

    private static Rarest rarest(Map<String, TestCount> tests) {
        Rarest rarest = null;
        for (var entry : tests.entrySet()) {
            int positives = entry.getValue().positives();
            if (positives > 0 && (rarest == null || positives < rarest.positives)) {
                rarest = new Rarest(entry.getKey(), positives, entry.getValue().samples());
            }
        }
        return rarest;
    }

    private static Spread over(List<ExperimentResult.Run> runs, ToDoubleFunction<ExperimentResult.Run> metric) {
        return Spread.of(runs.stream().mapToDouble(metric).toArray());
    }
}
