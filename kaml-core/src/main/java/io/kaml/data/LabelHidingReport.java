package io.kaml.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@link LabelHiding} did, per action over every split: how many reported conversions (positive
 * labels) stayed, as a target label or as a kept other label, and how many became 0.
 *
 * @param rows            samples written
 * @param positives       [actions] positive labels read
 * @param targetPositives [actions] of those, on samples that target the action: always kept
 * @param keptPositives   [actions] of those, on other samples, kept
 * @param hiddenPositives [actions] of those, on other samples, hidden (written as 0)
 * @param unknownHidden   [actions] empty (unknown) labels hidden, i.e. written as 0
 * @param spec            the new dataset.yaml
 */
public record LabelHidingReport(List<String> actions, int keep, LabelHiding.Mode mode, long seed, long rows, long[] positives,
                                long[] targetPositives, long[] keptPositives, long[] hiddenPositives, long[] unknownHidden,
                                Path spec) {

    public LabelHidingReport {
        actions = List.copyOf(actions);
    }

    public String toTable() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Kept the target label and %d other%s per %s (seed %d): %,d rows%n",
                keep, keep == 1 ? "" : "s", mode.key(), seed, rows));
        out.append(String.format(Locale.ROOT, "%-14s %11s %11s %11s %11s %8s%n", "action", "positives", "as target", "other kept",
                "hidden", "hidden%"));
        long unknown = 0;
        for (int j = 0; j < actions.size(); j++) {
            double share = positives[j] == 0 ? Double.NaN : 100.0 * hiddenPositives[j] / positives[j];
            out.append(String.format(Locale.ROOT, "%-14s %,11d %,11d %,11d %,11d %8s%n", actions.get(j), positives[j], targetPositives[j],
                    keptPositives[j], hiddenPositives[j], Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", share)));
            unknown += unknownHidden[j];
        }
        if (unknown > 0) {
            out.append(String.format(Locale.ROOT, "%,d empty (unknown) labels of hidden actions were written as 0, like the others%n", unknown));
        }
        return out.append("Dataset: ").append(spec).append(System.lineSeparator()).toString();
    }

    /** Counts row by row. */
    static final class Builder {
        private final List<String> actions;
        private final int keep;
        private final LabelHiding.Mode mode;
        private final long seed;
        private long rows;
        private final long[] positives;
        private final long[] targetPositives;
        private final long[] keptPositives;
        private final long[] hiddenPositives;
        private final long[] unknownHidden;

        Builder(List<String> actions, int keep, LabelHiding.Mode mode, long seed) {
            this.actions = actions;
            this.keep = keep;
            this.mode = mode;
            this.seed = seed;
            int a = actions.size();
            positives = new long[a];
            targetPositives = new long[a];
            keptPositives = new long[a];
            hiddenPositives = new long[a];
            unknownHidden = new long[a];
        }

        void add(int target, byte[] labels, boolean[] kept) {
            rows++;
            for (int j = 0; j < labels.length; j++) {
                if (!kept[j] && labels[j] == Batch.UNKNOWN) {
                    unknownHidden[j]++;
                }
                if (labels[j] != 1) {
                    continue;
                }
                positives[j]++;
                if (j == target) {
                    targetPositives[j]++;
                } else if (kept[j]) {
                    keptPositives[j]++;
                } else {
                    hiddenPositives[j]++;
                }
            }
        }

        LabelHidingReport build(Path spec) {
            return new LabelHidingReport(actions, keep, mode, seed, rows, positives, targetPositives, keptPositives, hiddenPositives,
                    unknownHidden, spec);
        }
    }
}
