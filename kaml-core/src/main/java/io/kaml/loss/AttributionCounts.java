package io.kaml.loss;

import io.kaml.data.Batch;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code c(a, j, d; T)} of METHOD §3: how many conversions of action {@code j} advertiser {@code a}
 * reported in the training data during the {@code T} days ending at day {@code d}. Built once from the
 * training split (in memory or block by block) as per-(advertiser, action) prefix sums over its days,
 * so each query is O(log days).
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
        return of(List.of(train), advertisers);
    }

    /**
     * Counts over the training split handed out in blocks (e.g. read from an on-disk cache one at a time),
     * with the same result as one batch holding every row.
     */
    public static AttributionCounts of(Iterable<Batch> train, int advertisers) {
        int a = -1;
        TreeSet<Integer> daySet = new TreeSet<>();
        // (advertiser * actions + action) -> day -> conversions; only pairs with a conversion get an entry
        Map<Integer, Map<Integer, Long>> conversions = new HashMap<>();
        for (Batch block : train) {
            a = block.actions();
            for (int i = 0; i < block.size(); i++) {
                int day = block.day()[i];
                daySet.add(day);
                for (int j = 0; j < a; j++) {
                    if (block.label(i, j) == 1) {
                        conversions.computeIfAbsent(block.advertiser()[i] * a + j, k -> new HashMap<>()).merge(day, 1L, Long::sum);
                    }
                }
            }
        }
        int actions = Math.max(a, 0);
        int[] days = daySet.stream().mapToInt(Integer::intValue).toArray();
        long[][] prefix = new long[advertisers * actions][];
        long[][] total = new long[advertisers][actions];
        conversions.forEach((k, perDay) -> {
            long[] sums = new long[days.length + 1];
            for (int d = 0; d < days.length; d++) {
                sums[d + 1] = sums[d] + perDay.getOrDefault(days[d], 0L);
            }
            prefix[k] = sums;
            total[k / actions][k % actions] = sums[days.length];
        });
        return new AttributionCounts(actions, days, prefix, total);
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
