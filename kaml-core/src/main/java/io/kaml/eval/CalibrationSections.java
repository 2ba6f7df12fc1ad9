package io.kaml.eval;

import static io.kaml.eval.ReportCells.count;
import static io.kaml.eval.ReportCells.metric;
import static io.kaml.eval.ReportCells.spread;

import io.kaml.eval.ExperimentDocument.Chart;
import io.kaml.eval.ExperimentDocument.Section;
import io.kaml.eval.ExperimentDocument.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One backbone's calibration on the observed labels: the ECE per action and preset, then the
 * reliability bins behind it, so a reader sees both how far off a preset is and where (the low
 * predictions most samples get, or the few high ones).
 */
final class CalibrationSections {
    private CalibrationSections() {
    }

    static List<Section> of(ExperimentResult result, ExperimentSummary summary, String backbone) {
        return List.of(ece(result, summary, backbone), bins(result, summary, backbone));
    }

    private static Section ece(ExperimentResult result, ExperimentSummary summary, String backbone) {
        List<String> header = Stream.concat(Stream.concat(Stream.of("preset"), result.actions().stream()), Stream.of("all")).toList();
        List<List<String>> rows = new ArrayList<>();
        for (String preset : result.presets()) {
            ExperimentSummary.Group g = summary.group(backbone, preset);
            List<String> row = new ArrayList<>(List.of(preset));
            g.actions().values().forEach(a -> row.add(spread(a.ece())));
            row.add(spread(g.allEce()));
            rows.add(row);
        }
        return new Section("Calibration: " + backbone, List.of(String.format(Locale.ROOT, "Expected calibration error (ECE) per "
                + "action on the samples that target it, the cells of its AUC; all: every sample's target prediction. ECE = Σ (n_b / n) "
                + "× |mean prediction − observed rate| over %d equal-width bins of [0, 1], mean ± std over the seeds; 0 is calibrated. "
                + "With conversion rates of a few percent nearly every sample falls in the first bin, so ECE mostly measures the "
                + "mean prediction against the observed rate; the equal-count bins below and the chart show where the error lies.",
                CalibrationError.DEFAULT_BINS)), null, new Table(header, rows), new Chart(Chart.Kind.CALIBRATION, backbone));
    }

    private static Section bins(ExperimentResult result, ExperimentSummary summary, String backbone) {
        List<String> header = new ArrayList<>(List.of("action", "bin", "samples"));
        for (String preset : result.presets()) {
            header.add(preset + " predicted");
            header.add(preset + " observed");
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (String action : result.actions()) {
            List<ReliabilityCurve> curves = result.presets().stream()
                    .map(preset -> summary.group(backbone, preset).actions().get(action).calibration()).toList();
            // Every preset's bins hold the same samples' counts: equal-count bins of one action's test samples.
            List<ReliabilityCurve.Bin> first = curves.getFirst().bins();
            if (first.isEmpty()) {
                empty.add(action);
            }
            for (int b = 0; b < first.size(); b++) {
                List<String> row = new ArrayList<>(List.of(action, Integer.toString(b + 1), count(first.get(b).count())));
                for (ReliabilityCurve curve : curves) {
                    row.add(metric(curve.bins().get(b).meanPredicted()));
                    row.add(metric(curve.bins().get(b).observedRate()));
                }
                rows.add(row);
            }
        }
        List<String> text = new ArrayList<>(List.of(String.format(Locale.ROOT, "Per action, its test samples sorted by the model's "
                + "prediction and cut into %d bins of equal count (fewer with fewer samples), lowest predictions first: per bin its "
                + "samples, and per preset the mean prediction and the observed conversion rate, each the mean over the seeds of "
                + "that seed's bin (every seed's bin holds the same number of samples). A calibrated preset's two numbers agree.",
                ReliabilityCurve.DEFAULT_BINS)));
        if (!empty.isEmpty()) {
            text.add("No test samples target " + String.join(", ", empty) + ": no bins.");
        }
        return new Section("Reliability bins: " + backbone, text, null, new Table(header, rows), null);
    }
}
