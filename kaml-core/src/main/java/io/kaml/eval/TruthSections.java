package io.kaml.eval;

import static io.kaml.eval.ReportCells.count;
import static io.kaml.eval.ReportCells.interval;
import static io.kaml.eval.ReportCells.list;
import static io.kaml.eval.ReportCells.p;
import static io.kaml.eval.ReportCells.signed;
import static io.kaml.eval.ReportCells.signedInterval;
import static io.kaml.eval.ReportCells.spread;

import io.kaml.eval.ExperimentDocument.Section;
import io.kaml.eval.ExperimentDocument.Table;
import io.kaml.eval.ExperimentSummary.Difference.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * With ground truth (simulated data), the AUCs against the true labels of each action on the test samples
 * that target it — where the model serves that action, the deployment figure — and each preset's
 * difference from base there under the observed-label comparisons' test
 * ({@link ExperimentSummary#truthComparisons()}), read out in a sentence: the true labels are what the
 * observed ones only approximate, so they say whether a gain is real. Then the expected AUC (the ranking
 * by true probability, {@link ExpectedAuc}) on the same samples, and, labelled as a diagnostic, the AUC on
 * every test sample: 70–95% of those target another action, where no advertiser uses the score.
 */
final class TruthSections {
    private TruthSections() {
    }

    /** Nothing without ground truth. */
    static List<Section> of(ExperimentResult result, ExperimentSummary summary) {
        if (!result.hasTruth()) {
            return List.of();
        }
        List<Section> out = new ArrayList<>();
        String positives = summary.truthTests().entrySet().stream().map(e -> e.getKey() + " " + count(e.getValue().positives())
                + " of " + count(e.getValue().samples())).collect(Collectors.joining(", "));
        for (String backbone : result.backbones()) {
            List<String> text = new ArrayList<>(List.of("Each action on the test samples that target it (where the model serves "
                    + "it), scored against the simulator's true labels: mean ± std over the seeds, in brackets the 95% interval of "
                    + "the mean that counts the test set's sampling error too. True positives among those samples: " + positives + "."));
            if (sameAsObserved(result, summary, backbone)) {
                text.add("These equal the observed-label AUCs: every advertiser reports its target action completely, so on the "
                        + "samples that target an action the observed label is the true one. What the truth adds here is the ranking "
                        + "by true probability below.");
            }
            out.add(new Section("AUC against the true labels: " + backbone, text, null, table(result, summary, backbone), null));
        }
        if (summary.hasBase()) {
            out.add(differences(result, summary));
        }
        for (String backbone : result.backbones()) {
            out.add(new Section("Ranking by true probability: " + backbone, List.of("Expected AUC on the same samples: the AUC in "
                    + "expectation over labels drawn from the true probabilities, so it scores how the model orders samples by true "
                    + "probability without the noise of one draw of labels (mean ± std over the seeds)."), null,
                    perRun(result, backbone, (r, action) -> r.test().truth().serving().get(action).expectedAuc()), null));
            out.add(new Section("Off-deployment diagnostic: every test sample: " + backbone, List.of("AUC against the true labels of "
                    + "every test sample for every action, whatever it targets. Most samples target another action, where no "
                    + "advertiser uses this score, and every sample is scored on the serving path (an HKE model trained the "
                    + "others on its extended path): a diagnostic of how the model generalises, not a deployment figure."), null,
                    perRun(result, backbone, (r, action) -> r.test().truth().everySample().get(action).auc()), null));
        }
        return out;
    }

    /** Whether every preset's true-label AUCs are its observed-label ones, as when targets are reported completely. */
    private static boolean sameAsObserved(ExperimentResult result, ExperimentSummary summary, String backbone) {
        return result.presets().stream().allMatch(preset -> summary.group(backbone, preset).actions().values().stream()
                .allMatch(a -> Double.compare(a.auc().mean(), a.truthAuc().mean()) == 0));
    }

    /** A run's truth metric of one action. */
    @FunctionalInterface
    private interface RunMetric {
        double of(ExperimentResult.Run run, String action);
    }

    /** Per preset the mean ± std over seeds of {@code metric}, per action. */
    private static Table perRun(ExperimentResult result, String backbone, RunMetric metric) {
        List<String> header = Stream.concat(Stream.of("preset"), result.actions().stream()).toList();
        List<List<String>> rows = new ArrayList<>();
        for (String preset : result.presets()) {
            List<String> row = new ArrayList<>(List.of(preset));
            List<ExperimentResult.Run> runs = result.runs(preset, backbone);
            for (String action : result.actions()) {
                row.add(spread(Spread.of(runs.stream().mapToDouble(r -> metric.of(r, action)).toArray())));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    private static Table table(ExperimentResult result, ExperimentSummary summary, String backbone) {
        List<String> header = Stream.concat(Stream.of("preset"), result.actions().stream()).toList();
        List<List<String>> rows = new ArrayList<>();
        for (String preset : result.presets()) {
            List<String> row = new ArrayList<>(List.of(preset));
            summary.group(backbone, preset).actions().values().forEach(a -> row.add(spread(a.truthAuc()) + interval(a.truthInterval())));
            rows.add(row);
        }
        return new Table(header, rows);
    }

    private static Section differences(ExperimentResult result, ExperimentSummary summary) {
        List<String> header = Stream.concat(Stream.of("backbone", "preset"), result.actions().stream()).toList();
        List<List<String>> rows = new ArrayList<>();
        for (ExperimentSummary.Comparison c : summary.truthComparisons()) {
            List<String> row = new ArrayList<>(List.of(c.backbone(), c.preset()));
            c.actions().values().forEach(d -> row.add(cell(d)));
            rows.add(row);
        }
        String ref = summary.reference();
        List<String> text = List.of(String.format(Locale.ROOT, "Mean over seeds of AUC − AUC_" + ref + " against the true labels, with its "
                + "95%% interval and p, by the test of RelaImpr over " + ref + " (each seed paired with " + ref + "'s, DeLong's variance of the "
                + "paired difference on the test samples, Welch–Satterthwaite t); undecided when an action has fewer than %d true "
                + "positives or negatives among them. * p < 0.05, ** p < 0.01.", TestCount.MIN_CLASS));
        return new Section("AUC difference over " + ref + " against the true labels", text, null, new Table(header, rows), null,
                summary.truthComparisons().stream().map(c -> reading(c, ref)).toList());
    }

    private static String cell(ExperimentSummary.Difference d) {
        String cell = signed(d.test().mean()) + signedInterval(d.test()) + " (p " + p(d.test().p()) + ")" + d.marker();
        return d.verdict() == Verdict.UNDECIDED ? cell + " " + d.count().undecided() : cell;
    }

    /** One sentence: where the preset is above and below {@code reference} on the true labels, decided or not. */
    static String reading(ExperimentSummary.Comparison c, String reference) {
        List<String> above = new ArrayList<>();
        List<String> below = new ArrayList<>();
        List<String> level = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        List<String> untested = new ArrayList<>();
        for (Map.Entry<String, ExperimentSummary.Difference> e : c.actions().entrySet()) {
            ExperimentSummary.Difference d = e.getValue();
            switch (d.verdict()) {
                case SIGNIFICANT -> (d.test().mean() > 0 ? above : below).add(e.getKey());
                case NOT_SIGNIFICANT -> level.add(e.getKey());
                case UNDECIDED -> undecided.add(e.getKey() + " (" + d.count().smallerClass() + ")");
                case UNTESTED -> untested.add(e.getKey());
            }
        }
        List<String> clauses = new ArrayList<>();
        if (!above.isEmpty()) {
            clauses.add("significantly above " + reference + " (p < 0.05) on " + list(above));
        }
        if (!below.isEmpty()) {
            clauses.add("significantly below " + reference + " (p < 0.05) on " + list(below));
        }
        if (!level.isEmpty()) {
            clauses.add("not significantly different from " + reference + " on " + list(level));
        }
        if (!undecided.isEmpty()) {
            clauses.add("undecided on " + list(undecided) + ", fewer than the " + TestCount.MIN_CLASS + " a verdict needs");
        }
        if (!untested.isEmpty()) {
            clauses.add("untested on " + list(untested) + " (no defined AUC)");
        }
        return "On the true labels, " + c.preset() + " on " + c.backbone() + " is " + String.join("; ", clauses) + ".";
    }
}
