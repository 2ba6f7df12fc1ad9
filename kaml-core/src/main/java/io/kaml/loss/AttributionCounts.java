package io.kaml.loss;

import io.kaml.data.Batch;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code c(a, j, d; T)} of METHOD §2.3: how many conversions of action {@code j} advertiser {@code a}
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
        Tally tally = new Tally();
        train.forEach(tally::add);
        return tally.counts(advertisers);
    }

    /**
     * Conversions counted over part of the training split, to be merged with the other parts' (a Spark
     * partition each) before {@link #counts}: serializable, and exact, as counts are integers.
     */
    public static final class Tally implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        private int actions = -1;
        private final TreeSet<Integer> days = new TreeSet<>();
        /** (advertiser * actions + action) -> day -> conversions; only pairs with a conversion get an entry. */
        private final Map<Integer, Map<Integer, Long>> conversions = new HashMap<>();

        /** Counts the rows of {@code block}, whose advertiser indices are this tally's. */
        public void add(Batch block) {
            int a = actions(block.actions());
            for (int i = 0; i < block.size(); i++) {
                int day = block.day()[i];
                days.add(day);
                for (int j = 0; j < a; j++) {
                    if (block.label(i, j) == 1) {
                        conversions.computeIfAbsent(block.advertiser()[i] * a + j, k -> new HashMap<>()).merge(day, 1L, Long::sum);
                    }
                }
            }
        }

        /**
         * Adds another part's counts, whose advertiser {@code i} is this tally's advertiser {@code advertiserOf[i]}
         * (the parts indexed their advertisers each in its own order).
         */
        public void merge(Tally other, int[] advertiserOf) {
            if (other.actions < 0) {
                return;
            }
            int a = actions(other.actions);
            days.addAll(other.days);
            other.conversions.forEach((k, perDay) -> {
                Map<Integer, Long> into = conversions.computeIfAbsent(advertiserOf[k / a] * a + k % a, x -> new HashMap<>());
                perDay.forEach((day, n) -> into.merge(day, n, Long::sum));
            });
        }

        private int actions(int a) {
            if (actions >= 0 && actions != a) {
                throw new IllegalArgumentException("blocks of " + a + " and " + actions + " actions");
            }
            actions = a;
            return a;
        }

        /** The counts of every row added or merged, for advertisers {@code 0..advertisers-1}. */
        public AttributionCounts counts(int advertisers) {
            int actions = Math.max(this.actions, 0);
            int[] dayArray = days.stream().mapToInt(Integer::intValue).toArray();
            long[][] prefix = new long[advertisers * actions][];
            long[][] total = new long[advertisers][actions];
            conversions.forEach((k, perDay) -> {
                long[] sums = new long[dayArray.length + 1];
                for (int d = 0; d < dayArray.length; d++) {
                    sums[d + 1] = sums[d] + perDay.getOrDefault(dayArray[d], 0L);
                }
                prefix[k] = sums;
                total[k / actions][k % actions] = sums[dayArray.length];
            });
            return new AttributionCounts(actions, dayArray, prefix, total);
        }
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
