package io.kaml.eval;

/**
 * Student's t distribution, for the significance tests and intervals of experiment reports (METHOD §7.5;
 * see {@link AucEstimate}). Written here rather than taken from a statistics library because it is one
 * function of a few dozen lines, and kaml-core keeps its dependencies few.
 *
 * <p>The tail comes from the regularized incomplete beta function: for {@code t >= 0},
 * {@code P(T > t) = I_x(df/2, 1/2) / 2} with {@code x = df / (df + t^2)}. {@code I_x} is evaluated by
 * its continued fraction (modified Lentz), which converges quickly for {@code x < (a+1)/(a+b+2)}; the
 * other side uses {@code I_x(a, b) = 1 - I_{1-x}(b, a)}.
 */
public final class StudentT {
    private static final int MAX_TERMS = 500;
    /**
     * Beyond this many degrees of freedom the normal tail stands in: it differs from t's by a relative
     * 6e-6 at |t| = 2 and 2e-4 at |t| = 5 there, while the incomplete beta function's front factor, a
     * difference of log-gammas of size df ln df, loses a digit for every tenfold of df.
     */
    private static final double NORMAL_BEYOND = 1e6;
    private static final double EPSILON = 1e-15;
    // Stands in for 0 in Lentz's method, where a denominator of exactly 0 would stop the recurrence.
    private static final double TINY = 1e-300;
    // Lanczos approximation of ln Gamma, g = 7 with nine coefficients: about 15 significant digits.
    private static final double LANCZOS_G = 7;
    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
            771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7};

    private StudentT() {
    }

    /**
     * {@code P(|T| >= |t|)} for {@code T ~ t(df)}: the p-value of a two-sided test.
     *
     * @param df degrees of freedom, &gt; 0; {@code +Infinity} is the standard normal
     * @return a probability in [0, 1]; 0 for infinite {@code t}, NaN for NaN {@code t}
     */
    public static double twoSidedP(double t, double df) {
        checkDf(df);
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        if (df > NORMAL_BEYOND) {
            return Normal.twoSidedP(t);
        }
        return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
    }

    /**
     * The {@code t >= 0} with {@code P(|T| >= t) = alpha}: the half-width, in standard errors, of a
     * two-sided {@code 1 - alpha} interval. Found by bisection on {@link #twoSidedP}, which falls
     * monotonically in {@code t}, to the precision of a double.
     *
     * @param alpha in (0, 1)
     * @param df    degrees of freedom, &gt; 0; {@code +Infinity} is the standard normal
     */
    public static double criticalValue(double alpha, double df) {
        checkDf(df);
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        double low = 0;
        double high = 1;
        while (twoSidedP(high, df) > alpha) {
            low = high;
            high *= 2;
        }
        while (true) {
            double middle = (low + high) / 2;
            if (middle <= low || middle >= high) {
                return middle;
            }
            if (twoSidedP(middle, df) > alpha) {
                low = middle;
            } else {
                high = middle;
            }
        }
    }

    /** {@code P(T <= t)} for {@code T ~ t(df)}. */
    public static double cdf(double t, double df) {
        double tail = twoSidedP(t, df) / 2;
        return t >= 0 ? 1 - tail : tail;
    }

    /**
     * {@code I_x(a, b)}, the regularized incomplete beta function.
     *
     * @param x in [0, 1]
     * @param a &gt; 0
     * @param b &gt; 0
     */
    static double regularizedIncompleteBeta(double x, double a, double b) {
        if (!(x >= 0 && x <= 1) || !(a > 0) || !(b > 0)) {
            throw new IllegalArgumentException("incomplete beta needs x in [0, 1] and a, b > 0, got x=" + x + ", a=" + a + ", b=" + b);
        }
        if (x == 0 || x == 1) {
            return x;
        }
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - regularizedIncompleteBeta(1 - x, b, a);
        }
        double logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
        return Math.exp(logFront) * continuedFraction(x, a, b) / a;
    }

    /**
     * {@code 1 / (1 + d1 / (1 + d2 / (1 + ...)))} with {@code d(2m) = m(b-m)x / ((a+2m-1)(a+2m))} and
     * {@code d(2m+1) = -(a+m)(a+b+m)x / ((a+2m)(a+2m+1))}, by the modified Lentz method.
     */
    private static double continuedFraction(double x, double a, double b) {
        double numerator = 1;
        double denominator = nonZero(1 - (a + b) * x / (a + 1));
        denominator = 1 / denominator;
        double value = denominator;
        for (int m = 1; m <= MAX_TERMS; m++) {
            double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            denominator = 1 / nonZero(1 + even * denominator);
            numerator = nonZero(1 + even / numerator);
            value *= denominator * numerator;
            double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            denominator = 1 / nonZero(1 + odd * denominator);
            numerator = nonZero(1 + odd / numerator);
            double step = denominator * numerator;
            value *= step;
            if (Math.abs(step - 1) < EPSILON) {
                return value;
            }
        }
        throw new ArithmeticException("incomplete beta did not converge for x=" + x + ", a=" + a + ", b=" + b);
    }

    private static double nonZero(double v) {
        return Math.abs(v) < TINY ? TINY : v;
    }

    private static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /** {@code ln Gamma(x)} for {@code x > 0}. */
    static double logGamma(double x) {
        if (x < 0.5) {
            // Gamma(x) = Gamma(x + 1) / x keeps the Lanczos sum on its accurate side.
            return logGamma(x + 1) - Math.log(x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + LANCZOS_G + 0.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    private static void checkDf(double df) {
        if (!(df > 0)) {
            throw new IllegalArgumentException("degrees of freedom must be > 0, got " + df);
        }
    }
}
