package io.kaml.sim;

import java.util.random.RandomGenerator;

/**
 * Walker's alias method: after O(n) set-up, draws an index with probability proportional to its
 * weight in O(1), which is what lets the simulator draw hundreds of thousands of users and ads per
 * day without a linear scan per click.
 */
final class AliasTable {
    private final double[] keep;
    private final int[] alias;

    AliasTable(double[] weights) {
        int n = weights.length;
        if (n == 0) {
            throw new IllegalArgumentException("no weights");
        }
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weight must be finite and non-negative: " + w);
            }
            total += w;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("weights sum to zero");
        }
        keep = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int smallCount = 0;
        int largeCount = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / total;
            if (scaled[i] < 1) {
                small[smallCount++] = i;
            } else {
                large[largeCount++] = i;
            }
        }
        while (smallCount > 0 && largeCount > 0) {
            int s = small[--smallCount];
            int l = large[--largeCount];
            keep[s] = scaled[s];
            alias[s] = l;
            scaled[l] -= 1 - scaled[s];
            if (scaled[l] < 1) {
                small[smallCount++] = l;
            } else {
                large[largeCount++] = l;
            }
        }
        // Whatever is left is 1 up to rounding: it always keeps itself.
        while (largeCount > 0) {
            keep[large[--largeCount]] = 1;
        }
        while (smallCount > 0) {
            keep[small[--smallCount]] = 1;
        }
    }

    int size() {
        return keep.length;
    }

    /** Draws an index; one uniform number picks both the column and the coin. */
    int sample(RandomGenerator rng) {
        double u = rng.nextDouble() * keep.length;
        int column = Math.min((int) u, keep.length - 1);
        return u - column < keep[column] ? column : alias[column];
    }
}
