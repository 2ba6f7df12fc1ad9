package io.kaml.eval;

/**
 * Relative improvement of a model's AUC over a base model's AUC (METHOD §7.4):
 * {@code ((AUC_model - 0.5) / (AUC_base - 0.5) - 1) * 100}, in percent.
 *
 * <p>It measures the gain in the part of the AUC above random guessing, so +1% means the model is
 * 1% further from random than the base.
 *
 * <p>Undefined cases return {@link Double#NaN} rather than throwing, because they arise from data,
 * not from bugs, and a report over many actions and seeds should still print the rest: either AUC
 * is NaN (a single-class subset), or the base AUC is at most 0.5 (no lift over random to divide by;
 * the sign of the ratio would flip or it would be infinite). An AUC outside [0, 1] can only be a bug
 * and throws.
 */
public final class RelaImpr {

    private RelaImpr() {
    }

    /**
     * RelaImpr of a model over a base.
     *
     * @param aucModel the model's AUC, in [0, 1] or NaN
     * @param aucBase the base model's AUC, in [0, 1] or NaN
     * @return the improvement in percent; NaN if either AUC is NaN or {@code aucBase <= 0.5}
     * @throws IllegalArgumentException if an AUC is outside [0, 1]
     */
    public static double of(double aucModel, double aucBase) {
        checkRange("aucModel", aucModel);
        checkRange("aucBase", aucBase);
        if (Double.isNaN(aucModel) || Double.isNaN(aucBase) || aucBase <= 0.5) {
            return Double.NaN;
        }
        return ((aucModel - 0.5) / (aucBase - 0.5) - 1) * 100;
    }

    private static void checkRange(String name, double auc) {
        if (auc < 0 || auc > 1) {
            throw new IllegalArgumentException(name + " = " + auc + " is not an AUC in [0, 1]");
        }
    }
}
