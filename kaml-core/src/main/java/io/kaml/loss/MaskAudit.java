package io.kaml.loss;

import io.kaml.data.AdvertiserIndex;
import io.kaml.data.Batch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A dataset seen through a mask: per action, how many training samples the target-only mask uses and
 * how many the given mask adds (with how many conversions among them); per advertiser, its reported
 * conversions of each action and the share of its labelled samples whose label the mask trusts; for ADM,
 * where it adds nothing (or everything), why, and which alpha would change that.
 *
 * @param advice one line per action where ADM adds nothing or trusts every label ({@link AlphaAdvice}), "" if none
 */
public record MaskAudit(List<String> actions, String mask, List<ActionRow> perAction, List<AdvertiserRow> perAdvertiser,
                        String advice) {

    /** An audit without advice, as for a mask other than ADM. */
    public MaskAudit(List<String> actions, String mask, List<ActionRow> perAction, List<AdvertiserRow> perAdvertiser) {
        this(actions, mask, perAction, perAdvertiser, "");
    }

    /**
     * @param targetSamples samples whose target is the action (the base mask)
     * @param added         other samples the mask trusts for this action
     * @param addedPositives of those, reported conversions
     * @param advertisers   advertisers with at least one added sample
     */
    public record ActionRow(String action, long targetSamples, long targetPositives, long added, long addedPositives,
                            int advertisers) {
        /** How many times the base mask's samples the mask uses. */
        public double gain() {
            return targetSamples == 0 ? Double.NaN : (double) (targetSamples + added) / targetSamples;
        }
    }

    /**
     * @param conversions [actions] reported conversions in the split
     * @param trusted     [actions] share of the advertiser's non-target samples with a label whose label the mask trusts
     */
    public record AdvertiserRow(String advertiser, String target, long samples, long[] conversions, double[] trusted) {
    }

    public static MaskAudit of(Batch train, AdvertiserIndex advertisers, List<String> actions, LabelMask mask) {
        return of(List.of(train), advertisers, actions, mask);
    }

    /** The audit of a training split handed out in blocks (e.g. from an on-disk cache). */
    public static MaskAudit of(Iterable<Batch> blocks, AdvertiserIndex advertisers, List<String> actions, LabelMask mask) {
        int a = actions.size();
        int n = advertisers.size();
        long[] samples = new long[n];
        int[] target = new int[n];
        long[][] conversions = new long[n][a];
        long[][] labelled = new long[n][a];
        long[][] trusted = new long[n][a];
        long[] targetSamples = new long[a];
        long[] targetPositives = new long[a];
        long[] added = new long[a];
        long[] addedPositives = new long[a];
        AlphaAdvice advice = new AlphaAdvice(a);
        for (Batch train : blocks) {
            for (int i = 0; i < train.size(); i++) {
                int adv = train.advertiser()[i];
                int t = train.target()[i];
                samples[adv]++;
                target[adv] = t;
                targetSamples[t]++;
                targetPositives[t] += train.targetLabel(i) == 1 ? 1 : 0;
                for (int j = 0; j < a; j++) {
                    byte y = train.label(i, j);
                    conversions[adv][j] += y == 1 ? 1 : 0;
                    if (j == t || y == Batch.UNKNOWN) {
                        continue;
                    }
                    labelled[adv][j]++;
                    advice.add(j, mask.evidence(adv, j, train.day()[i]), y == 1);
                    if (mask.trusted(train, i, j)) {
                        trusted[adv][j]++;
                        added[j]++;
                        addedPositives[j] += y == 1 ? 1 : 0;
                    }
                }
            }
        }
        List<ActionRow> perAction = new ArrayList<>();
        for (int j = 0; j < a; j++) {
            int count = 0;
            for (int adv = 0; adv < n; adv++) {
                count += trusted[adv][j] > 0 ? 1 : 0;
            }
            perAction.add(new ActionRow(actions.get(j), targetSamples[j], targetPositives[j], added[j], addedPositives[j], count));
        }
        List<AdvertiserRow> rows = new ArrayList<>();
        for (int adv = 0; adv < n; adv++) {
            if (samples[adv] == 0) {
                continue;
            }
            double[] share = new double[a];
            for (int j = 0; j < a; j++) {
                share[j] = labelled[adv][j] == 0 ? Double.NaN : (double) trusted[adv][j] / labelled[adv][j];
            }
            rows.add(new AdvertiserRow(advertisers.name(adv), actions.get(target[adv]), samples[adv], conversions[adv], share));
        }
        rows.sort(Comparator.comparingLong(AdvertiserRow::samples).reversed().thenComparing(AdvertiserRow::advertiser));
        String why = "";
        if (mask.kind() == LabelMask.Kind.ADM) {
            long[] alpha = new long[a];
            for (int j = 0; j < a; j++) {
                alpha[j] = mask.alpha(j);
            }
            why = advice.explain(actions, alpha, added);
        }
        return new MaskAudit(actions, mask.toString(), perAction, rows, why);
    }

    public String toTable(int maxAdvertisers) {
        StringBuilder out = new StringBuilder(String.format("Mask %s on the training split%n", mask));
        out.append(String.format("%-14s %11s %9s %11s %9s %6s %12s%n", "action", "target only", "tgt pos", "added", "added pos",
                "gain", "advertisers"));
        for (ActionRow r : perAction) {
            out.append(String.format("%-14s %,11d %,9d %,11d %,9d %5.1fx %12d%n", r.action(), r.targetSamples(), r.targetPositives(),
                    r.added(), r.addedPositives(), r.gain(), r.advertisers()));
        }
        if (!advice.isEmpty()) {
            out.append(System.lineSeparator()).append(advice).append(System.lineSeparator());
        }
        int shown = Math.min(maxAdvertisers, perAdvertiser.size());
        if (shown == 0) {
            return out.toString();
        }
        out.append(String.format("%nPer advertiser (%d of %d, largest first): reported conversions, and in brackets the share of%n"
                + "its labelled non-target samples the mask trusts ('*' marks the target, '-' no labelled samples)%n", shown, perAdvertiser.size()));
        out.append(String.format("%-14s %-13s %9s", "advertiser", "target", "samples"));
        for (String action : actions) {
            out.append(String.format(" %17s", action.length() > 17 ? action.substring(0, 16) + "…" : action));
        }
        out.append(System.lineSeparator());
        for (AdvertiserRow r : perAdvertiser.subList(0, shown)) {
            out.append(String.format("%-14s %-13s %,9d", r.advertiser(), r.target(), r.samples()));
            for (int j = 0; j < actions.size(); j++) {
                String cell = actions.get(j).equals(r.target())
                        ? String.format("*%,d", r.conversions()[j])
                        : String.format("%,d %s", r.conversions()[j], Double.isNaN(r.trusted()[j]) ? "(-)" : String.format("(%3.0f%%)", 100 * r.trusted()[j]));
                out.append(String.format(" %17s", cell));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }
}
