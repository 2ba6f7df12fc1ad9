package io.kaml.eval;

import java.util.Locale;
import java.util.Map;

/**
 * Fixed-width plain-text form of a {@link MetricsReport}, for a terminal:
 *
 * <pre>
 * action          n  positives     AUC  LogLoss
 * buy             3          1  0.5000   1.2520
 * reg             4          2  0.6250   0.5915
 * all             7          -  0.5417   0.8746
 * GAUC       0.6250
 *
 * truth           n  positives     AUC  exp. AUC  prob_MAE     ECE
 * buy             3          1  0.5000    0.6100    0.0125  0.4500
 * reg             4          2  0.7500    0.8000    0.0063  0.1625
 *
 * truth, every sample (off-deployment)
 * buy             8          3  0.6000    0.6400    0.0125  0.4500
 * </pre>
 *
 * The first column is as wide as the longest action name. Undefined metrics print as {@code n/a}; the
 * "all" row has no positives column because the report does not carry that count. The truth blocks are
 * printed only when the report has them: first on the samples that target each action, where the model
 * serves it, then on every sample, a diagnostic.
 */
final class ReportTable {

    private static final String MAIN_COLUMNS = "%10s %10s %7s %8s";
    private static final String TRUTH_COLUMNS = "%10s %10s %7s %9s %9s %7s";

    private ReportTable() {
    }

    static String format(MetricsReport report) {
        int width = "action".length();
        for (String name : report.actions().keySet()) {
            width = Math.max(width, name.length());
        }
        String name = "%-" + width + "s ";
        var out = new StringBuilder();
        line(out, name + MAIN_COLUMNS, "action", "n", "positives", "AUC", "LogLoss");
        report.actions().forEach((action, m) -> line(out, name + MAIN_COLUMNS,
                action, m.n(), m.positives(), metric(m.auc()), metric(m.logloss())));
        MetricsReport.AllMetrics all = report.all();
        line(out, name + MAIN_COLUMNS, "all", all.n(), "-", metric(all.auc()), metric(all.logloss()));
        line(out, name + "%10s", "GAUC", metric(report.gauc()));
        if (report.truth() != null) {
            out.append('\n');
            line(out, name + TRUTH_COLUMNS, "truth", "n", "positives", "AUC", "exp. AUC", "prob_MAE", "ECE");
            truthRows(out, name, report.truth().serving());
            out.append('\n').append("truth, every sample (off-deployment)\n");
            truthRows(out, name, report.truth().everySample());
        }
        return out.toString();
    }

    private static void truthRows(StringBuilder out, String name, Map<String, MetricsReport.TruthActionMetrics> actions) {
        actions.forEach((action, m) -> line(out, name + TRUTH_COLUMNS, action, m.n(), m.positives(), metric(m.auc()),
                metric(m.expectedAuc()), metric(m.probMae()), metric(m.ece())));
    }

    private static void line(StringBuilder out, String format, Object... values) {
        out.append(String.format(Locale.ROOT, format, values)).append('\n');
    }

    private static String metric(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }
}
