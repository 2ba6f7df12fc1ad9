package io.kaml.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The label picture of one split: per action how many samples target it and how many conversions are
 * reported, and per advertiser which actions it reports. "Reports action j" means at least one
 * reported conversion of j in the split; an advertiser that sends only zeros for j is
 * indistinguishable from one that does not report j, which is exactly why ADM counts conversions.
 */
public record DatasetStats(List<String> actions, long samples, List<ActionStats> perAction, List<AdvertiserStats> perAdvertiser) {

    /**
     * @param targeted          samples whose target is this action
     * @param targetPositives   of those, labelled 1
     * @param reportedPositives samples of any target with this action labelled 1
     * @param unknown           samples with this action's label empty
     * @param advertisersTargeting advertisers whose samples target this action
     * @param advertisersReporting advertisers with at least one reported conversion of this action
     */
    public record ActionStats(String action, long targeted, long targetPositives, long reportedPositives, long unknown,
                              int advertisersTargeting, int advertisersReporting) {
        public double targetRate() {
            return targeted == 0 ? Double.NaN : (double) targetPositives / targeted;
        }
    }

    /** @param conversions [actions] reported conversions of each action */
    public record AdvertiserStats(String advertiser, String target, long samples, long[] conversions) {
    }

    /** Streams {@code split} of {@code spec} block by block, so any file size works. */
    public static DatasetStats scan(DatasetSpec spec, Split split, BadRowPolicy policy, BadRowReport badRows) {
        AdvertiserIndex advertisers = new AdvertiserIndex();
        Counts counts = new Counts(spec.actionCount());
        try (SplitReader reader = SplitReader.open(spec, split, FeatureEncoder.unfitted(spec), advertisers, policy, badRows)) {
            BatchBuilder block = new BatchBuilder(spec.columns().categorical().size(), spec.columns().numerical().size(),
                    spec.actionCount(), false, BLOCK);
            while (reader.read(block, BLOCK) > 0) {
                counts.add(block.build());
                block.clear();
            }
        }
        return counts.result(spec.actions(), advertisers);
    }

    /** The statistics of a split held as batches (one, or the blocks of an on-disk cache). */
    public static DatasetStats of(Iterable<Batch> blocks, List<String> actions, AdvertiserIndex advertisers) {
        Counts counts = new Counts(actions.size());
        blocks.forEach(counts::add);
        return counts.result(actions, advertisers);
    }

    private static final int BLOCK = 1 << 16;

    /** Running counts; advertiser rows grow as new advertisers appear. */
    private static final class Counts {
        private final int a;
        private long samples;
        private long[][] conversions = new long[16][];
        private long[] perAdvertiser = new long[16];
        private int[] targetOf = new int[16];
        private final long[] targeted;
        private final long[] targetPositives;
        private final long[] reported;
        private final long[] unknown;

        Counts(int actions) {
            a = actions;
            targeted = new long[a];
            targetPositives = new long[a];
            reported = new long[a];
            unknown = new long[a];
        }

        void add(Batch batch) {
            for (int i = 0; i < batch.size(); i++) {
                int adv = batch.advertiser()[i];
                ensure(adv);
                int t = batch.target()[i];
                perAdvertiser[adv]++;
                targetOf[adv] = t;
                targeted[t]++;
                if (batch.targetLabel(i) == 1) {
                    targetPositives[t]++;
                }
                for (int j = 0; j < a; j++) {
                    byte y = batch.label(i, j);
                    if (y == 1) {
                        reported[j]++;
                        conversions[adv][j]++;
                    } else if (y == Batch.UNKNOWN) {
                        unknown[j]++;
                    }
                }
            }
            samples += batch.size();
        }

        private void ensure(int adv) {
            if (adv >= perAdvertiser.length) {
                int n = Math.max(adv + 1, perAdvertiser.length * 2);
                conversions = java.util.Arrays.copyOf(conversions, n);
                perAdvertiser = java.util.Arrays.copyOf(perAdvertiser, n);
                targetOf = java.util.Arrays.copyOf(targetOf, n);
            }
            if (conversions[adv] == null) {
                conversions[adv] = new long[a];
            }
        }

        DatasetStats result(List<String> actions, AdvertiserIndex advertisers) {
            List<AdvertiserStats> rows = new ArrayList<>();
            int[] targeting = new int[a];
            int[] reporting = new int[a];
            for (int adv = 0; adv < Math.min(advertisers.size(), perAdvertiser.length); adv++) {
                if (perAdvertiser[adv] == 0) {
                    continue;
                }
                targeting[targetOf[adv]]++;
                for (int j = 0; j < a; j++) {
                    reporting[j] += conversions[adv][j] > 0 ? 1 : 0;
                }
                rows.add(new AdvertiserStats(advertisers.name(adv), actions.get(targetOf[adv]), perAdvertiser[adv], conversions[adv].clone()));
            }
            rows.sort(Comparator.comparingLong(AdvertiserStats::samples).reversed().thenComparing(AdvertiserStats::advertiser));
            List<ActionStats> perAction = new ArrayList<>();
            for (int j = 0; j < a; j++) {
                perAction.add(new ActionStats(actions.get(j), targeted[j], targetPositives[j], reported[j], unknown[j], targeting[j], reporting[j]));
            }
            return new DatasetStats(actions, samples, perAction, rows);
        }
    }

    /** Per-action table followed by the {@code maxAdvertisers} largest advertisers' reporting rows. */
    public String toTable(int maxAdvertisers) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-14s %10s %9s %8s %10s %8s %12s %12s%n",
                "action", "targeted", "tgt pos", "tgt rate", "reported+", "unknown", "adv target", "adv report"));
        for (ActionStats s : perAction) {
            // An action no sample targets (e.g. after --on-bad-row skip dropped its rows) has no rate: "-", not "NaN%".
            String rate = s.targeted() == 0 ? "-" : String.format("%.3f%%", 100 * s.targetRate());
            out.append(String.format("%-14s %,10d %,9d %8s %,10d %,8d %12d %12d%n", s.action(), s.targeted(),
                    s.targetPositives(), rate, s.reportedPositives(), s.unknown(),
                    s.advertisersTargeting(), s.advertisersReporting()));
        }
        out.append(String.format("%,d samples, %,d advertisers%n", samples, perAdvertiser.size()));
        int shown = Math.min(maxAdvertisers, perAdvertiser.size());
        if (shown == 0) {
            return out.toString();
        }
        out.append(String.format("%nReported conversions per advertiser (%d of %d, largest first; '*' marks the target):%n",
                shown, perAdvertiser.size()));
        out.append(String.format("%-16s %-14s %9s", "advertiser", "target", "samples"));
        for (String action : actions) {
            out.append(String.format(" %13s", abbreviate(action, 13)));
        }
        out.append(System.lineSeparator());
        for (AdvertiserStats s : perAdvertiser.subList(0, shown)) {
            out.append(String.format("%-16s %-14s %,9d", abbreviate(s.advertiser(), 16), s.target(), s.samples()));
            for (int j = 0; j < actions.size(); j++) {
                String cell = (actions.get(j).equals(s.target()) ? "*" : "") + (s.conversions()[j] == 0 ? "-" : String.format("%,d", s.conversions()[j]));
                out.append(String.format(" %13s", cell));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String abbreviate(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
