package io.kaml.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Decides which non-target labels a sample keeps when {@link LabelHiding} turns a fully labelled
 * dataset into an asymmetric one. The target's label is always kept; of the others, exactly
 * {@code keep} ({@link LabelHiding} refuses more than there are):
 * <ul>
 *   <li>{@link LabelHiding.Mode#SAMPLE}: a fresh random choice per sample, from one random stream per
 *       split file, so the result depends only on the seed and the file's rows;</li>
 *   <li>{@link LabelHiding.Mode#ADVERTISER}: a random order of the actions fixed per advertiser (seeded
 *       by a hash of its name, so independent of row order); a sample keeps the first {@code keep}
 *       actions of that order other than its target. An advertiser with one target thus keeps the same
 *       set on every sample, as one that reports some actions and not others.</li>
 * </ul>
 */
final class KeptLabels {
    private final LabelHiding.Mode mode;
    private final int keep;
    private final int actions;
    private final long seed;
    private final Map<String, int[]> advertiserOrder = new HashMap<>();
    private final int[] candidates;
    private final boolean[] kept;
    private SplittableRandom stream;

    KeptLabels(LabelHiding.Mode mode, int keep, int actions, long seed) {
        this.mode = mode;
        this.keep = keep;
        this.actions = actions;
        this.seed = seed;
        candidates = new int[actions];
        kept = new boolean[actions];
    }

    /** Starts the rows of {@code split}'s file. */
    void startSplit(Split split) {
        stream = new SplittableRandom(mix(seed ^ 0x9E3779B97F4A7C15L * (split.ordinal() + 1)));
    }

    /**
     * @return [actions] whether the sample keeps each label; true at {@code target}. Valid until the next call.
     */
    boolean[] of(int target, String advertiser) {
        Arrays.fill(kept, false);
        kept[target] = true;
        if (mode == LabelHiding.Mode.SAMPLE) {
            int n = 0;
            for (int j = 0; j < actions; j++) {
                if (j != target) {
                    candidates[n++] = j;
                }
            }
            // The first `keep` places of a partial Fisher-Yates shuffle: a uniform subset of that size.
            for (int k = 0; k < keep; k++) {
                int pick = k + stream.nextInt(n - k);
                int chosen = candidates[pick];
                candidates[pick] = candidates[k];
                candidates[k] = chosen;
                kept[chosen] = true;
            }
        } else {
            int[] order = advertiserOrder.computeIfAbsent(advertiser, this::orderOf);
            int left = keep;
            for (int k = 0; k < actions && left > 0; k++) {
                if (order[k] != target) {
                    kept[order[k]] = true;
                    left--;
                }
            }
        }
        return kept;
    }

    private int[] orderOf(String advertiser) {
        int hash = FeatureHasher.murmur3(advertiser.getBytes(StandardCharsets.UTF_8), (int) seed);
        SplittableRandom random = new SplittableRandom(mix(seed * 31 + hash));
        int[] order = new int[actions];
        for (int j = 0; j < actions; j++) {
            order[j] = j;
        }
        for (int j = actions - 1; j > 0; j--) {
            int pick = random.nextInt(j + 1);
            int swap = order[pick];
            order[pick] = order[j];
            order[j] = swap;
        }
        return order;
    }

    // The SplitMix64 finaliser: nearby seeds (1 vs 2) give unrelated streams.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
