package io.kaml.loss;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why ADM adds nothing for an action, in words, and which alpha would change that: built from the
 * counts {@code c(a, j, d; T)} of every training sample that targets another action and carries a label of
 * the action — the samples ADM could trust. A new user's small dataset showed ADM adding nothing and
 * {@code audit} did not say why; this says whether the labels are absent (no alpha helps) or the
 * advertisers report too few conversions for the alpha asked (and which lower alpha trusts how many).
 */
final class AlphaAdvice {
    /** [actions] count c -> labelled non-target samples whose advertiser had that count. */
    private final List<TreeMap<Long, long[]>> byCount = new ArrayList<>();

    AlphaAdvice(int actions) {
        for (int j = 0; j < actions; j++) {
            byCount.add(new TreeMap<>());
        }
    }

    /** A sample that targets another action, whose label of {@code action} is {@code positive} and whose count is {@code evidence}. */
    void add(int action, long evidence, boolean positive) {
        long[] n = byCount.get(action).computeIfAbsent(evidence, c -> new long[2]);
        n[0]++;
        n[1] += positive ? 1 : 0;
    }

    /**
     * One sentence per action where the mask adds nothing or everything it could, "" when none.
     *
     * @param alpha   [actions] the alpha asked for
     * @param added   [actions] samples the mask adds
     * @param actions action names
     */
    String explain(List<String> actions, long[] alpha, long[] added) {
        List<String> lines = new ArrayList<>();
        for (int j = 0; j < actions.size(); j++) {
            TreeMap<Long, long[]> counts = byCount.get(j);
            long labelled = counts.values().stream().mapToLong(n -> n[0]).sum();
            String action = actions.get(j);
            if (labelled == 0) {
                lines.add(String.format(Locale.ROOT, "%s: ADM adds nothing, and no alpha would: no sample that targets another action"
                        + " carries a label of %s (they are all unknown), so there is nothing to trust.", action, action));
            } else if (added[j] == 0) {
                long most = counts.lastKey();
                lines.add(String.format(Locale.ROOT, "%s: ADM adds nothing: %,d samples that target other actions carry a label of %s, but"
                        + " no advertiser reported the %d %s conversions in the window that alpha asks; %s.", action, labelled, action,
                        alpha[j], action, most == 0 ? "none reported any, so no alpha would trust them" : lower(counts, most, labelled)));
            } else if (added[j] == labelled && labelled > 0 && counts.firstKey() >= alpha[j]) {
                lines.add(String.format(Locale.ROOT, "%s: ADM trusts every one of the %,d labels on samples that target other actions"
                        + " (the fewest conversions any of their advertisers reported is %d, alpha %d): for %s it is the all mask.",
                        action, labelled, counts.firstKey(), alpha[j], action));
            }
        }
        if (lines.stream().anyMatch(line -> line.contains("(the most any did)"))) {
            lines.add("(--adm-alpha takes one value for every action or one per action, in the dataset's order of actions.)");
        }
        return String.join(System.lineSeparator(), lines);
    }

    /** Which alphas would trust some: the largest that trusts any, and the one that trusts about half. */
    private static String lower(TreeMap<Long, long[]> counts, long most, long labelled) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "alpha %d (the most any did) would trust %s",
                most, trusted(counts, most, labelled)));
        long half = most;
        for (Map.Entry<Long, long[]> e : counts.descendingMap().entrySet()) {
            if (e.getKey() == 0 || 2 * at(counts, half)[0] >= labelled) {
                break;
            }
            half = e.getKey();
        }
        if (half != most) {
            out.append(String.format(Locale.ROOT, ", alpha %d would trust %s", half, trusted(counts, half, labelled)));
        }
        return out.toString();
    }

    private static String trusted(TreeMap<Long, long[]> counts, long alpha, long labelled) {
        long[] n = at(counts, alpha);
        return String.format(Locale.ROOT, "%,d of the %,d (%,d conversion%s)", n[0], labelled, n[1], n[1] == 1 ? "" : "s");
    }

    /** Samples and conversions whose count is at least {@code alpha}. */
    private static long[] at(TreeMap<Long, long[]> counts, long alpha) {
        long[] sum = new long[2];
        counts.tailMap(alpha, true).values().forEach(n -> {
            sum[0] += n[0];
            sum[1] += n[1];
        });
        return sum;
    }
}
