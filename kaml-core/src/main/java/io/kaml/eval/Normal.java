package io.kaml.eval;

/**
 * The standard normal distribution's two-sided tail, the limit of {@link StudentT} as the degrees of
 * freedom grow: what a test uses when its variance is taken as known.
 *
 * <p>{@code P(|Z| >= z) = erfc(z / sqrt 2)}. Below 2, {@code erfc = 1 - erf} with erf's power series
 * {@code (2 / sqrt pi) sum (-1)^k x^(2k+1) / (k! (2k+1))}, whose terms stay below 25 there, so it keeps
 * about 14 significant digits of tails down to 0.005. From 2 on, the continued fraction
 * {@code erfc x = exp(-x^2) / sqrt(pi) * 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...))))}, which
 * converges fast there and keeps its relative accuracy however small the tail.
 */
final class Normal {
    private static final int MAX_TERMS = 500;
    private static final double EPSILON = 1e-16;
    private static final double SERIES_LIMIT = 2;

    private Normal() {
    }

    /** {@code P(|Z| >= |z|)}: 1 at 0, 0 for infinite z, NaN for NaN. */
    static double twoSidedP(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return erfc(Math.abs(z) / Math.sqrt(2));
    }

    /** {@code erfc(x)} for {@code x >= 0}. */
    static double erfc(double x) {
        if (x < SERIES_LIMIT) {
            double square = x * x;
            double term = x;
            double sum = x;
            for (int k = 1; k < MAX_TERMS; k++) {
                term *= -square / k;
                double add = term / (2 * k + 1);
                sum += add;
                if (Math.abs(add) <= EPSILON * Math.abs(sum)) {
                    break;
                }
            }
            return 1 - 2 / Math.sqrt(Math.PI) * sum;
        }
        if (Double.isInfinite(x)) {
            return 0;
        }
        // Modified Lentz on x + a1 / (x + a2 / (x + ...)) with a_k = k / 2.
        double tiny = 1e-300;
        double value = x;
        double c = x;
        double d = 0;
        for (int k = 1; k <= MAX_TERMS; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double step = c * d;
            value *= step;
            if (Math.abs(step - 1) < EPSILON) {
                return Math.exp(-x * x) / Math.sqrt(Math.PI) / value;
            }
        }
        throw new ArithmeticException("erfc did not converge for x=" + x);
    }
}
