package io.kaml.sim;

/**
 * The funnel's intercepts, solved on a sample of calibration clicks so that each action's marginal
 * probability averages to its base rate whatever the rest of the logit holds (the click distribution,
 * the mechanisms that are on). Parents are solved before children, so each child's rate is matched given
 * its parent's final probabilities.
 */
final class Intercepts {
    private static final int N = Action.COUNT;
    // Bisection over [-30, 30]: 40 halvings leave the intercept within 6e-11 of the solution.
    private static final double BOUND = 30;
    private static final int STEPS = 40;

    private Intercepts() {
    }

    /**
     * @param logits every action's logit without intercept for each calibration click, {@code [click][action]}
     * @param skewed the skewed base rates of real logs, or the flat ones of {@code noSkew}
     * @throws IllegalStateException when an action's base rate cannot be reached under its parent's rate
     */
    static double[] solve(double[][] logits, boolean skewed) {
        double[] intercept = new double[N];
        double[][] marginal = new double[N][logits.length];
        for (Action action : Action.values()) {
            int j = action.ordinal();
            double[] parent = action.parent() == null ? null : marginal[action.parent().ordinal()];
            double target = action.baseRate(skewed);
            double low = -BOUND;
            double high = BOUND;
            for (int step = 0; step < STEPS; step++) {
                double mid = (low + high) / 2;
                if (meanMarginal(logits, j, mid, parent) < target) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            intercept[j] = (low + high) / 2;
            for (int i = 0; i < logits.length; i++) {
                marginal[j][i] = (parent == null ? 1 : parent[i]) * ConversionFunnel.sigmoid(intercept[j] + logits[i][j]);
            }
            double reached = meanMarginal(logits, j, intercept[j], parent);
            if (Math.abs(reached - target) > 1e-3 * target) {
                throw new IllegalStateException(action.key() + ": base rate " + target
                        + " cannot be reached under its parent's rate, got " + reached);
            }
        }
        return intercept;
    }

    private static double meanMarginal(double[][] logits, int j, double b, double[] parent) {
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            sum += (parent == null ? 1 : parent[i]) * ConversionFunnel.sigmoid(b + logits[i][j]);
        }
        return sum / logits.length;
    }
}
