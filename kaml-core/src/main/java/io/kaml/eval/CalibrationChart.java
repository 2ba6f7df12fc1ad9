package io.kaml.eval;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One backbone's reliability diagrams, a panel per action: each preset's equal-count bins (mean over
 * seeds, as the report's bins table) as mean prediction against observed rate, with the diagonal a
 * calibrated model lies on. Each panel has its own scale: the actions' rates differ tenfold.
 */
final class CalibrationChart {
    private static final int COLUMNS = 2;

    private CalibrationChart() {
    }

    /** @return the PNG, or null when no action has test samples */
    static byte[] png(ExperimentResult result, ExperimentSummary summary, String backbone) {
        List<XYChart> panels = new ArrayList<>();
        for (String action : result.actions()) {
            XYChart panel = panel(result, summary, backbone, action);
            if (panel != null) {
                panels.add(panel);
            }
        }
        return panels.isEmpty() ? null : ChartImages.grid(panels, COLUMNS);
    }

    private static XYChart panel(ExperimentResult result, ExperimentSummary summary, String backbone, String action) {
        int samples = summary.tests().get(action).samples();
        XYChart chart = new XYChartBuilder().width(ChartImages.WIDTH / COLUMNS).height(ChartImages.HEIGHT * 3 / 4)
                .title(String.format(Locale.ROOT, "%s on %s (%,d test samples)", action, backbone, samples))
                .xAxisTitle("mean predicted probability").yAxisTitle("observed rate").build();
        ChartImages.style(chart);
        // Below the plot: beside it, the legend would take a third of a half-width panel.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        double max = 0;
        for (String preset : result.presets()) {
            List<ReliabilityCurve.Bin> bins = summary.group(backbone, preset).actions().get(action).calibration().bins();
            if (bins.isEmpty()) {
                return null;
            }
            double[] x = bins.stream().mapToDouble(ReliabilityCurve.Bin::meanPredicted).toArray();
            double[] y = bins.stream().mapToDouble(ReliabilityCurve.Bin::observedRate).toArray();
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.max(x[i], y[i]));
            }
            chart.addSeries(preset, x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        double top = max > 0 ? Math.min(1, max * 1.05) : 1;
        XYSeries diagonal = chart.addSeries("calibrated", new double[] {0, top}, new double[] {0, top});
        diagonal.setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH).setLineColor(Color.GRAY);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(top).setYAxisMin(0.0).setYAxisMax(top);
        return chart;
    }
}
