package io.kaml.train;

import java.util.SplittableRandom;

/** The order of training rows in an epoch: a pure function of (rows, seed, epoch), so a resumed run replays it. */
final class Shuffle {
    private Shuffle() {
    }

    static int[] permutation(int n, long seed, int epoch) {
        return permutation(n, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch));
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates) drawn from {@code random}. */
    static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }
}
