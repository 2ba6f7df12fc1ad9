package io.kaml.eval;

import io.kaml.loss.MaskAudit;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

/** The experiment report's charts, drawn off-screen as PNG. */
final class ExperimentCharts {
    private ExperimentCharts() {
    }

    /** @return the PNG, or null when there is nothing to draw (no action has a defined AUC) */
    static byte[] png(ExperimentDocument.Chart chart, ExperimentResult result, ExperimentSummary summary) {
        // Before the first chart touches AWT: servers and CI have no display, and none is needed to draw into an image.
        System.setProperty("java.awt.headless", "true");
        return switch (chart.kind()) {
            case AUC -> {
                CategoryChart drawn = auc(result, summary, chart.backbone());
                yield drawn == null ? null : ChartImages.png(drawn);
            }
            case CALIBRATION -> CalibrationChart.png(result, summary, chart.backbone());
            case CURVES -> TrainingCurveChart.png(result, chart.backbone());
            case LABELS -> ChartImages.png(labels(result.audit()));
        };
    }

    /**
     * Per action and "all": each preset's mean AUC with a whisker to each end of its 95% interval
     * (seeds and test sample, see {@link AucEstimate}). The axis runs from 0 to 1, so a bar's length is
     * its AUC and two bars' lengths compare honestly; the whiskers show which gaps the test set can
     * tell apart. An action whose AUC is undefined for some preset (no positives on the test days) is
     * left out and named in the title rather than drawn as a made-up value.
     */
    private static CategoryChart auc(ExperimentResult result, ExperimentSummary summary, String backbone) {
        List<String> names = new ArrayList<>(result.actions());
        names.add("all");
        List<Integer> shown = new ArrayList<>();
        List<String> undefined = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            int at = k;
            boolean defined = result.presets().stream().noneMatch(p -> Double.isNaN(aucs(summary.group(backbone, p)).get(at).mean()));
            if (defined) {
                shown.add(k);
            } else {
                undefined.add(names.get(k));
            }
        }
        if (shown.isEmpty()) {
            // XChart cannot draw a chart without series.
            return null;
        }
        CategoryChart chart = new CategoryChartBuilder().width(ChartImages.WIDTH).height(ChartImages.HEIGHT)
                .title("Test AUC on " + backbone + " (mean over " + result.seeds().size() + " seeds, 95% interval: seeds + test sample)"
                        + (undefined.isEmpty() ? "" : "; undefined, not shown: " + String.join(", ", undefined)))
                .xAxisTitle("action").yAxisTitle("AUC").build();
        ChartImages.style(chart);
        List<String> categories = shown.stream().map(names::get).toList();
        for (String preset : result.presets()) {
            List<AucEstimate> estimates = aucs(summary.group(backbone, preset));
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (int k : shown) {
                AucEstimate e = estimates.get(k);
                means.add(e.mean());
                // A class too small for a variance leaves the bar without whiskers rather than the chart without the bar; the
                // axis ends at 1 and cuts a whisker that overshoots it.
                errors.add(Double.isNaN(e.high()) ? 0 : e.high() - e.mean());
            }
            chart.addSeries(preset, categories, means, errors);
        }
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        return chart;
    }

    /** Per action, then "all". */
    private static List<AucEstimate> aucs(ExperimentSummary.Group g) {
        List<AucEstimate> out = new ArrayList<>();
        g.actions().values().forEach(a -> out.add(a.interval()));
        out.add(g.allInterval());
        return out;
    }

    /** Per action: the training samples the target mask uses, and on top those ADM adds. */
    private static CategoryChart labels(MaskAudit audit) {
        CategoryChart chart = new CategoryChartBuilder().width(ChartImages.WIDTH).height(ChartImages.HEIGHT)
                .title("Training samples per action: target only vs added by ADM").xAxisTitle("action").yAxisTitle("samples").build();
        ChartImages.style(chart);
        chart.getStyler().setStacked(true);
        List<String> actions = audit.perAction().stream().map(MaskAudit.ActionRow::action).toList();
        chart.addSeries("target only", actions, audit.perAction().stream().map(MaskAudit.ActionRow::targetSamples).toList());
        chart.addSeries("added by ADM", actions, audit.perAction().stream().map(MaskAudit.ActionRow::added).toList());
        return chart;
    }
}
