package io.kaml.loss;

import io.kaml.data.Batch;
import java.util.Arrays;

/**
 * {@code c(a, j, d; T)} of METHOD §3: how many conversions of action {@code j} advertiser {@code a}
 * reported in the training data during the {@code T} days ending at day {@code d}. Built once from the
 * training split as per-(advertiser, action) prefix sums over its days, so each query is O(log days).
 * Days are day numbers (consecutive integers); {@link #ALL_DAYS} means the whole training span.
 */
public final class AttributionCounts {
    /** Window meaning "every training day", whatever the sample's day. */
    public static final int ALL_DAYS = 0;

    private final int actions;
    private final int[] days;
    private final long[][] prefix;
    private final long[][] total;

    private AttributionCounts(int actions, int[] days, long[][] prefix, long[][] total) {
        this.actions = actions;
        this.days = days;
        this.prefix = prefix;
        this.total = total;
    }

    /** Counts the reported conversions (labels equal to 1) of every advertiser and action in {@code train}. */
    public static AttributionCounts of(Batch train, int advertisers) {
        int a = train.actions();
        int[] days = Arrays.stream(train.day()).distinct().sorted().toArray();
        long[][] perDay = new long[advertisers * a][];
        for (int i = 0; i < train.size(); i++) {
            int adv = train.advertiser()[i];
            for (int j = 0; j < a; j++) {
                if (train.label(i, j) == 1) {
                    long[] counts = perDay[adv * a + j];
                    if (counts == null) {
                        counts = perDay[adv * a + j] = new long[days.length];
                    }
                    counts[Arrays.binarySearch(days, train.day()[i])]++;
                }
            }
        }
        long[][] prefix = new long[perDay.length][];
        long[][] total = new long[advertisers][a];
        for (int k = 0; k < perDay.length; k++) {
            if (perDay[k] != null) {
                prefix[k] = new long[days.length + 1];
                for (int d = 0; d < days.length; d++) {
                    prefix[k][d + 1] = prefix[k][d] + perDay[k][d];
                }
                total[k / a][k % a] = prefix[k][days.length];
            }
        }
        return new AttributionCounts(a, days, prefix, total);
    }

    /**
     * @param window {@link #ALL_DAYS}, or T: the days {@code (day - T, day]}
     * @return reported conversions of {@code action} by {@code advertiser}; 0 for an advertiser the
     *         training split never saw
     */
    public long count(int advertiser, int action, int day, int window) {
        if (advertiser >= total.length) {
            return 0;
        }
        if (window == ALL_DAYS) {
            return total[advertiser][action];
        }
        long[] sums = prefix[advertiser * actions + action];
        if (sums == null) {
            return 0;
        }
        return sums[daysUpTo(day)] - sums[daysUpTo(day - window)];
    }

    /** How many training days are {@code <= day}. */
    private int daysUpTo(int day) {
        int at = Arrays.binarySearch(days, day);
        return at >= 0 ? at + 1 : -at - 1;
    }
}
