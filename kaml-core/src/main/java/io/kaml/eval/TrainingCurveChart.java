package io.kaml.eval;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.colors.XChartSeriesColors;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One backbone's training curves: the training loss above, the validation metric epochs are kept by below, one line per
 * run in its preset's colour (the colours of the report's other charts, which add presets in the same
 * order), so the seeds' spread shows beside the presets' difference.
 *
 * <p>Epochs are categories rather than numbers: a numeric axis labels epoch 1.5, which does not exist,
 * and XChart drops every label when some are blanked.
 */
final class TrainingCurveChart {
    private TrainingCurveChart() {
    }

    static byte[] png(ExperimentResult result, String backbone) {
        int lastEpoch = result.runs().stream().filter(r -> r.backbone().equals(backbone))
                .mapToInt(r -> r.curve().epochs().isEmpty() ? 1 : r.curve().epochs().getLast().epoch()).max().orElse(1);
        List<Integer> epochs = IntStream.rangeClosed(1, lastEpoch).boxed().toList();
        CategoryChart loss = panel("Training loss on " + backbone + " (each preset's own objective, mean per training sample)",
                "training loss");
        CategoryChart auc = panel("Validation " + TrainingCurve.metric(result) + " on " + backbone + " (early stopping keeps each run's best epoch)",
                "validation AUC");
        Color[] colours = new XChartSeriesColors().getSeriesColors();
        for (int p = 0; p < result.presets().size(); p++) {
            String preset = result.presets().get(p);
            Color colour = colours[p % colours.length];
            boolean first = true;
            for (ExperimentResult.Run run : result.runs(preset, backbone)) {
                line(loss, run, epochs, colour, first, TrainingCurve.Epoch::trainingLoss);
                line(auc, run, epochs, colour, first, TrainingCurve.Epoch::validationAuc);
                first = false;
            }
        }
        // XChart cannot draw a chart without series: a validation split with one class leaves the AUC panel empty.
        return ChartImages.grid(Stream.of(loss, auc).filter(c -> !c.getSeriesMap().isEmpty()).toList(), 1);
    }

    private static CategoryChart panel(String title, String yAxis) {
        CategoryChart chart = new CategoryChartBuilder().width(ChartImages.WIDTH).height(ChartImages.HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yAxis).build();
        ChartImages.style(chart);
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        // Every run's point of an epoch on the epoch, not side by side as bars would be.
        chart.getStyler().setOverlapped(true);
        return chart;
    }

    /**
     * A run's values on {@code epochs}, null (a gap) where it did not run the epoch or the value is undefined (a
     * validation split with one class); nothing when it has no value at all. The legend names the preset once.
     */
    private static void line(CategoryChart chart, ExperimentResult.Run run, List<Integer> epochs, Color colour, boolean inLegend,
                             ToDoubleFunction<TrainingCurve.Epoch> value) {
        List<Double> values = new ArrayList<>();
        epochs.forEach(e -> values.add(null));
        for (TrainingCurve.Epoch e : run.curve().epochs()) {
            double v = value.applyAsDouble(e);
            if (!Double.isNaN(v)) {
                values.set(e.epoch() - 1, v);
            }
        }
        if (values.stream().allMatch(v -> v == null)) {
            return;
        }
        CategorySeries series = chart.addSeries(run.preset() + " seed " + run.seed(), epochs, values);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLabel(run.preset());
        series.setShowInLegend(inLegend);
    }
}
