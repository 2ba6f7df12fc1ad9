package io.kaml.eval;

import java.util.Locale;

/**
 * The test samples one AUC is measured on (an action's, or "all") and how many are positive, with the
 * rule that says whether a comparison on them is decided at all.
 *
 * <p><b>Rule:</b> a comparison is <em>undecided</em> when the test samples hold fewer than
 * {@value #MIN_CLASS} positives or fewer than {@value #MIN_CLASS} negatives, whatever its p-value. The
 * test-sample variance of {@link DeLong} is dominated by the smaller class's components, and the
 * normal or t approximation behind p needs that class to be large; with a handful of positives the
 * variance estimate is itself a guess and the AUC's sampling distribution is lumpy and skewed (at an AUC
 * of 0.8 with 8 positives among 500 samples one AUC's standard error is about 0.09), so a small p there
 * is no evidence.
 *
 * @param samples   test samples with a known label
 * @param positives of them, those labelled 1
 */
public record TestCount(int samples, int positives) {
    /** The fewest samples of each class a comparison needs to be decided. */
    public static final int MIN_CLASS = 30;

    public TestCount {
        if (positives < 0 || positives > samples) {
            throw new IllegalArgumentException(positives + " positives among " + samples + " samples");
        }
    }

    public int negatives() {
        return samples - positives;
    }

    /** Whether both classes reach {@value #MIN_CLASS}. */
    public boolean decidable() {
        return Math.min(positives, negatives()) >= MIN_CLASS;
    }

    /** The smaller class and its count, e.g. "8 positives". */
    public String smallerClass() {
        return positives <= negatives() ? String.format(Locale.ROOT, "%d positives", positives)
                : String.format(Locale.ROOT, "%d negatives", negatives());
    }

    /** Why a comparison is not decided, e.g. "undecided (8 positives)"; null when {@link #decidable()}. */
    public String undecided() {
        return decidable() ? null : "undecided (" + smallerClass() + ")";
    }
}
