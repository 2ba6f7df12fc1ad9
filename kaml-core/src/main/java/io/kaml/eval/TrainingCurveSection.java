package io.kaml.eval;

import static io.kaml.eval.ReportCells.metric;

import io.kaml.eval.ExperimentDocument.Chart;
import io.kaml.eval.ExperimentDocument.Section;
import io.kaml.eval.ExperimentDocument.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One backbone's training curves as a table: a row per epoch, per preset the mean over seeds of the
 * training loss and of the validation AUC early stopping goes by. Means keep the table narrow whatever
 * the number of seeds; the chart beside it draws every run.
 */
final class TrainingCurveSection {
    private TrainingCurveSection() {
    }

    static Section of(ExperimentResult result, ExperimentSummary summary, String backbone) {
        List<String> header = new ArrayList<>(List.of("epoch"));
        // Per epoch, per preset in order, its two cells; an epoch a preset never reached (every seed stopped early) stays blank.
        Map<Integer, List<String>> rows = new TreeMap<>();
        int seeds = result.seeds().size();
        for (int p = 0; p < result.presets().size(); p++) {
            String preset = result.presets().get(p);
            header.add(preset + " loss");
            header.add(preset + " valid AUC");
            for (TrainingCurve.EpochSpread e : summary.group(backbone, preset).curve()) {
                List<String> row = rows.computeIfAbsent(e.epoch(), k -> new ArrayList<>(List.of(Integer.toString(k))));
                while (row.size() < 1 + 2 * p) {
                    row.add("");
                }
                // Seeds that stopped earlier leave an epoch's mean to fewer seeds: say how many.
                String fewer = e.trainingLoss().n() < seeds ? String.format(Locale.ROOT, " (%d seeds)", e.trainingLoss().n()) : "";
                row.add(metric(e.trainingLoss().mean()) + fewer);
                row.add(metric(e.validationAuc().mean()) + fewer);
            }
        }
        rows.values().forEach(row -> {
            while (row.size() < header.size()) {
                row.add("");
            }
        });
        String kept = result.presets().stream().map(preset -> preset + " " + result.runs(preset, backbone).stream()
                .map(r -> Integer.toString(r.bestEpoch())).collect(Collectors.joining(", "))).collect(Collectors.joining("; "));
        List<String> text = List.of("Per epoch, mean over the seeds: the training loss (each preset's own objective per training "
                + "sample: a ranking term or a wider mask puts a preset at another level, so compare shapes, not levels across "
                + "presets) and the validation " + TrainingCurve.metric(result) + ", by which early stopping keeps each run's best epoch.",
                "Kept epoch per seed (" + result.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")) + "): " + kept + ".");
        return new Section("Training curves: " + backbone, text, null, new Table(header, new ArrayList<>(rows.values())),
                new Chart(Chart.Kind.CURVES, backbone));
    }
}
