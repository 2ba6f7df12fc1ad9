package io.kaml.eval;

import java.util.List;
import java.util.Locale;

/**
 * How the experiment report writes a number into a cell or a sentence, one rule per kind of number, so
 * every section shows an AUC, a difference or a p the same way. An undefined value (NaN) is "n/a".
 */
final class ReportCells {
    private ReportCells() {
    }

    /** "mean ± std", or the mean alone when the spread is undefined (one seed). */
    static String spread(Spread s) {
        if (Double.isNaN(s.mean())) {
            return "n/a";
        }
        return Double.isNaN(s.std()) ? metric(s.mean()) : metric(s.mean()) + " ± " + metric(s.std());
    }

    /** " [low, high]" of a mean AUC's interval, or nothing when it is undefined. */
    static String interval(AucEstimate e) {
        return Double.isNaN(e.low()) ? "" : " [" + metric(e.aucLow()) + ", " + metric(e.aucHigh()) + "]";
    }

    /** " [low, high]" of a difference's interval, signed, or nothing when it is undefined. */
    static String signedInterval(AucEstimate e) {
        return Double.isNaN(e.low()) ? "" : " [" + signed(e.low()) + ", " + signed(e.high()) + "]";
    }

    static String signed(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.4f", v);
    }

    static String metric(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.2f%%", v);
    }

    static String p(double v) {
        return Double.isNaN(v) ? "n/a" : v < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** "a", "a and b", "a, b and c". */
    static String list(List<String> items) {
        if (items.size() < 2) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }
}
