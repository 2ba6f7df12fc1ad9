package io.kaml.eval;

import static io.kaml.eval.ReportCells.p;
import static io.kaml.eval.ReportCells.percent;
import static io.kaml.eval.ReportCells.signed;
import static io.kaml.eval.ReportCells.signedInterval;

import io.kaml.eval.ExperimentDocument.Section;
import io.kaml.eval.ExperimentDocument.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The report's sections that compare each preset with the reference (base by default) on the observed labels, and the rarest action's verdicts. */
final class ComparisonSections {
    private ComparisonSections() {
    }

    static List<Section> overBase(ExperimentResult result, ExperimentSummary summary) {
        String ref = summary.reference();
        if (!summary.hasBase()) {
            return List.of(new Section("RelaImpr over " + ref, List.of("Omitted: the presets do not include " + ref + ", the reference every "
                    + "preset is compared with."), null, null, null));
        }
        List<String> header = Stream.concat(Stream.concat(Stream.of("backbone", "preset"), result.actions().stream()), Stream.of("all"))
                .toList();
        List<List<String>> relaImpr = new ArrayList<>();
        List<List<String>> differences = new ArrayList<>();
        for (ExperimentSummary.Comparison c : summary.comparisons()) {
            List<String> row = new ArrayList<>(List.of(c.backbone(), c.preset()));
            List<String> difference = new ArrayList<>(List.of(c.backbone(), c.preset()));
            Stream.concat(c.actions().values().stream(), Stream.of(c.all())).forEach(d -> {
                row.add(relaImpr(d));
                difference.add(signed(d.test().mean()) + signedInterval(d.test()));
            });
            relaImpr.add(row);
            differences.add(difference);
        }
        List<String> text = new ArrayList<>(List.of("RelaImpr = ((AUC - 0.5) / (AUC_" + ref + " - 0.5) - 1) × 100% on mean AUC, same backbone. "
                + "p: two-sided test of no AUC difference. Each seed's difference is paired with " + ref + "'s run of the same seed; the "
                + "standard error of their mean adds the seeds' spread (s² / S) to the test set's sampling error (DeLong's variance "
                + "of each seed's paired difference, averaged and not divided by S, because every seed is scored on the same test "
                + "samples); t distribution with Welch–Satterthwaite degrees of freedom. * p < 0.05, ** p < 0.01, only where the "
                + "test split decides (see Test split): otherwise undecided, whatever p is."));
        if (result.seeds().size() < 2) {
            text.add("With one seed p counts the test set's sampling error only: run several seeds to count training noise.");
        }
        return List.of(new Section("RelaImpr over " + ref, text, null, new Table(header, relaImpr), null),
                new Section("AUC difference over " + ref, List.of("Mean over seeds of AUC − AUC_" + ref + " with its 95% interval."), null,
                        new Table(header, differences), null));
    }

    static List<String> rarest(ExperimentSummary summary) {
        List<String> text = new ArrayList<>();
        if (!summary.unmeasured().isEmpty()) {
            text.add("No positives in the test split, so no AUC: " + String.join(", ", summary.unmeasured())
                    + ". Add test days or clicks to measure them.");
        }
        ExperimentSummary.Rarest r = summary.rarest();
        if (r == null) {
            return text;
        }
        text.add(String.format(Locale.ROOT, "The rarest action with test positives is %s: %d positives among the %d test samples "
                + "that target it.", r.action(), r.positives(), r.samples()));
        if (!summary.hasBase()) {
            text.add("Without " + summary.reference() + " among the presets there is no gain to test.");
        }
        for (ExperimentSummary.Comparison c : summary.comparisons()) {
            ExperimentSummary.Difference d = c.actions().get(r.action());
            String verdict = switch (d.verdict()) {
                case UNTESTED -> "not tested (no defined AUC)";
                case UNDECIDED -> String.format(Locale.ROOT, "undecided: %s in the test split, fewer than the %d a verdict needs",
                        d.count().smallerClass(), TestCount.MIN_CLASS);
                case SIGNIFICANT -> "significant at 0.05";
                case NOT_SIGNIFICANT -> "not significant at 0.05";
            };
            text.add(String.format(Locale.ROOT, "%s vs %s on %s: RelaImpr %s, AUC difference %s%s, p %s: %s.", c.preset(),
                    summary.reference(), c.backbone(),
                    percent(d.relaImpr()), signed(d.test().mean()), signedInterval(d.test()), p(d.test().p()), verdict));
        }
        return text;
    }

    private static String relaImpr(ExperimentSummary.Difference d) {
        String cell = percent(d.relaImpr()) + d.marker() + " (p " + p(d.test().p()) + ")";
        return d.verdict() == ExperimentSummary.Difference.Verdict.UNDECIDED ? cell + " " + d.count().undecided() : cell;
    }
}
