package io.kaml.loss;

/**
 * The reported rate of an action's complete reporters, relative to a first-stage model's expectation
 * (METHOD §2.5). That model learns an action only from the advertisers that target it, and those differ
 * from the rest (their users convert more on the action they chose): its expectation on other advertisers'
 * samples is off by a factor of the action's own, 0.3–1.0 on the default simulated world. Reports are
 * therefore compared with the best reporters of the same action rather than with the model: the
 * advertisers that report at least one conversion are taken as a mixture of two kinds, reported counts
 * Poisson with mean {@code rate_k · E} for kind {@code k}, fitted by EM; the higher rate is the scale a
 * complete reporter shows.
 */
final class ReporterMixture {
    private static final int MAX_ITERATIONS = 500;
    private static final double TOLERANCE = 1e-10;

    private ReporterMixture() {
    }

    /**
     * @param reported [pairs] R, conversions each advertiser reported
     * @param expected [pairs] E, the conversions the first-stage model expects on the same samples
     * @return the complete reporters' rate R/E; the pooled rate when fewer than two pairs report a conversion
     *         (nothing to separate), and 1 when none does
     */
    static double completeRate(long[] reported, double[] expected) {
        int n = 0;
        long pooledR = 0;
        double pooledE = 0;
        for (int k = 0; k < reported.length; k++) {
            if (reported[k] >= 1 && expected[k] > 0) {
                n++;
                pooledR += reported[k];
                pooledE += expected[k];
            }
        }
        if (n == 0) {
            return 1;
        }
        double pooled = pooledR / pooledE;
        if (n < 2) {
            return pooled;
        }
        // Start the two kinds apart, around the pooled rate; EM cannot separate kinds that start equal.
        double low = pooled / 2;
        double high = pooled * 2;
        double share = 0.5;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double weightHigh = 0;
            double rHigh = 0;
            double eHigh = 0;
            double rLow = 0;
            double eLow = 0;
            for (int k = 0; k < reported.length; k++) {
                if (reported[k] < 1 || expected[k] <= 0) {
                    continue;
                }
                long r = reported[k];
                double e = expected[k];
                // log of share * Poisson(r; high * e) against (1 - share) * Poisson(r; low * e); r! cancels.
                double logHigh = Math.log(share) + r * Math.log(high) - high * e;
                double logLow = Math.log1p(-share) + r * Math.log(low) - low * e;
                double p = 1 / (1 + Math.exp(logLow - logHigh));
                weightHigh += p;
                rHigh += p * r;
                eHigh += p * e;
                rLow += (1 - p) * r;
                eLow += (1 - p) * e;
            }
            double nextShare = Math.clamp(weightHigh / n, 1e-9, 1 - 1e-9);
            double nextHigh = eHigh > 0 ? rHigh / eHigh : high;
            double nextLow = eLow > 0 ? rLow / eLow : low;
            boolean converged = Math.abs(nextHigh - high) <= TOLERANCE * high && Math.abs(nextLow - low) <= TOLERANCE * low
                    && Math.abs(nextShare - share) <= TOLERANCE;
            high = nextHigh;
            low = Math.max(nextLow, Double.MIN_NORMAL);
            share = nextShare;
            if (converged) {
                break;
            }
        }
        // A kind that lost every advertiser keeps a rate no data supports: answer with the other's.
        if (share < 1e-6) {
            return low;
        }
        if (share > 1 - 1e-6) {
            return high;
        }
        return Math.max(high, low);
    }
}
