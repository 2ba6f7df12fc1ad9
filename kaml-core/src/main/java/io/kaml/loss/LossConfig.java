package io.kaml.loss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.data.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the model is trained to minimise: the mask (METHOD §2, with ADM's {@code alpha} and window
 * {@code T}, or the reliability-aware mask's rule, §2.5) and, optionally, RLU's ranking loss with its pair
 * kinds, cap and {@code gamma} (§4). Validated on construction; errors name the key.
 *
 * @param admAlpha    one value for every action, or one per action
 * @param admWindow   T in days, or 0 for the whole training span
 * @param reliability the reliability-aware mask's threshold and credibility
 */
public record LossConfig(LabelMask.Kind mask, List<Long> admAlpha, int admWindow, boolean ranking,
                         PairwiseRankingLoss.Config pairs, double gamma, ReportCompleteness.Rule reliability) {
    private static final Set<String> KEYS = Set.of("mask", "adm_alpha", "adm_window", "ranking", "pair_a_over_b",
            "pair_a_over_c", "pair_c_over_b", "pairs_per_positive", "ranking_form", "pair_partners", "gamma",
            "reliable_threshold", "reliable_credibility");

    /** Without the reliability-aware mask's rule: its defaults. */
    public LossConfig(LabelMask.Kind mask, List<Long> admAlpha, int admWindow, boolean ranking, PairwiseRankingLoss.Config pairs,
                      double gamma) {
        this(mask, admAlpha, admWindow, ranking, pairs, gamma, ReportCompleteness.Rule.defaults());
    }

    public LossConfig {
        admAlpha = List.copyOf(admAlpha);
        if (admAlpha.isEmpty() || admAlpha.stream().anyMatch(a -> a < 1)) {
            throw new IllegalArgumentException("loss key 'adm_alpha' needs values of at least 1, got " + admAlpha);
        }
        if (admWindow < 0) {
            throw new IllegalArgumentException("loss key 'adm_window' must be 0 (all days) or a number of days, got " + admWindow);
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("loss key 'gamma' must be in [0, 1], got " + gamma);
        }
        if (ranking && !(pairs.aOverB() || pairs.aOverC() || pairs.cOverB())) {
            throw new IllegalArgumentException("loss key 'ranking' is on but every pair kind is off");
        }
    }

    public static LossConfig defaults() {
        return new LossConfig(LabelMask.Kind.TARGET, List.of(10L), AttributionCounts.ALL_DAYS, false,
                PairwiseRankingLoss.Config.defaults(), 0.9);
    }

    public LossConfig with(LabelMask.Kind newMask, boolean newRanking) {
        return new LossConfig(newMask, admAlpha, admWindow, newRanking, pairs, gamma, reliability);
    }

    /** The same with RLU's pairs drawn within each advertiser or from the whole batch. */
    public LossConfig withPairsWithinAdvertiser(boolean within) {
        return new LossConfig(mask, admAlpha, admWindow, ranking, pairs.withSameAdvertiser(within), gamma, reliability);
    }

    /** The same with the ranking term pairwise (RLU) or its pointwise twin (the positive-weight control). */
    public LossConfig withPointwise(boolean pointwise) {
        return new LossConfig(mask, admAlpha, admWindow, ranking, pairs.withPointwise(pointwise), gamma, reliability);
    }

    /** The same with the reliability-aware mask's rule {@code rule}. */
    public LossConfig withReliability(ReportCompleteness.Rule rule) {
        return new LossConfig(mask, admAlpha, admWindow, ranking, pairs, gamma, rule);
    }

    /** [actions] alpha per action. */
    public long[] alpha(int actions) {
        if (admAlpha.size() == 1) {
            long[] out = new long[actions];
            Arrays.fill(out, admAlpha.getFirst());
            return out;
        }
        if (admAlpha.size() != actions) {
            throw new IllegalArgumentException("loss key 'adm_alpha' has " + admAlpha.size() + " values for " + actions + " actions");
        }
        return admAlpha.stream().mapToLong(Long::longValue).toArray();
    }

    /** The mask, counting ADM's reported conversions on {@code train}. */
    public LabelMask labelMask(Batch train, int advertisers) {
        return labelMask(() -> AttributionCounts.of(train, advertisers), train.actions());
    }

    /** The mask; {@code counts} (a pass over the training rows) is asked for only by ADM. */
    public LabelMask labelMask(Supplier<AttributionCounts> counts, int actions) {
        return labelMask(counts, () -> {
            throw new IllegalArgumentException("the reliable mask needs a first-stage model's expected conversions, which "
                    + "only kaml train and kaml experiment fit; use the adm mask here");
        }, actions);
    }

    /**
     * The mask; {@code counts} is asked for only by ADM, {@code completeness} (a first-stage model's estimate) only
     * by the reliability-aware mask.
     */
    public LabelMask labelMask(Supplier<AttributionCounts> counts, Supplier<ReportCompleteness> completeness, int actions) {
        return switch (mask) {
            case TARGET -> LabelMask.target();
            case ALL -> LabelMask.all();
            case ADM -> LabelMask.adm(counts.get(), alpha(actions), admWindow);
            case RELIABLE -> LabelMask.reliable(completeness.get());
        };
    }

    /** The objective with equal action weights. */
    public MaskedObjective objective(Batch train, int advertisers, long seed) {
        return objective(() -> AttributionCounts.of(train, advertisers), train.actions(), seed);
    }

    /** The objective with equal action weights; {@code counts} is asked for only by ADM. */
    public MaskedObjective objective(Supplier<AttributionCounts> counts, int actions, long seed) {
        return objective(labelMask(counts, actions), actions, seed);
    }

    /** The objective with equal action weights around {@code mask}. */
    public MaskedObjective objective(LabelMask mask, int actions, long seed) {
        float[] weights = new float[actions];
        Arrays.fill(weights, 1f);
        return new MaskedObjective(mask, weights, ranking ? pairs : null, gamma, seed);
    }

    public ObjectNode toJson() {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("mask", mask.key());
        admAlpha.forEach(node.putArray("adm_alpha")::add);
        node.put("adm_window", admWindow).put("ranking", ranking).put("pair_a_over_b", pairs.aOverB())
                .put("pair_a_over_c", pairs.aOverC()).put("pair_c_over_b", pairs.cOverB())
                .put("pairs_per_positive", pairs.pairsPerPositive()).put("ranking_form", pairs.pointwise() ? "pointwise" : "pairwise")
                .put("pair_partners", pairs.sameAdvertiser() ? "advertiser" : "batch").put("gamma", gamma)
                .put("reliable_threshold", reliability.threshold()).put("reliable_credibility", reliability.credibility());
        return node;
    }

    /** Missing keys take the defaults; unknown keys are errors. */
    public static LossConfig fromJson(JsonNode node) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown loss key '" + key + "' (known: " + KEYS.stream().sorted().toList() + ")");
            }
        }
        LossConfig d = defaults();
        List<Long> alpha = new ArrayList<>();
        node.path("adm_alpha").forEach(v -> alpha.add(v.asLong()));
        PairwiseRankingLoss.Config p = d.pairs;
        String form = node.path("ranking_form").asText("pairwise");
        if (!form.equals("pairwise") && !form.equals("pointwise")) {
            throw new IllegalArgumentException("loss key 'ranking_form' must be pairwise or pointwise, got '" + form + "'");
        }
        String partners = node.path("pair_partners").asText("batch");
        if (!partners.equals("batch") && !partners.equals("advertiser")) {
            throw new IllegalArgumentException("loss key 'pair_partners' must be batch or advertiser, got '" + partners + "'");
        }
        return new LossConfig(
                node.has("mask") ? LabelMask.Kind.parse(node.get("mask").asText()) : d.mask,
                alpha.isEmpty() ? d.admAlpha : alpha,
                node.path("adm_window").asInt(d.admWindow),
                node.path("ranking").asBoolean(d.ranking),
                new PairwiseRankingLoss.Config(node.path("pair_a_over_b").asBoolean(p.aOverB()),
                        node.path("pair_a_over_c").asBoolean(p.aOverC()), node.path("pair_c_over_b").asBoolean(p.cOverB()),
                        node.path("pairs_per_positive").asInt(p.pairsPerPositive()), form.equals("pointwise"),
                        partners.equals("advertiser")),
                node.path("gamma").asDouble(d.gamma),
                new ReportCompleteness.Rule(node.path("reliable_threshold").asDouble(d.reliability.threshold()),
                        node.path("reliable_credibility").asDouble(d.reliability.credibility())));
    }
}
