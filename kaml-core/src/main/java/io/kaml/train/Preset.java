package io.kaml.train;

import io.kaml.loss.LabelMask;
import io.kaml.loss.LossConfig;
import io.kaml.model.ModelConfig;
import java.util.Arrays;

/**
 * The combinations a user can name, each usable with any backbone: the paper's base, the naive
 * all-labels baseline, KAML built up one mechanism at a time, and the controls that attribute each
 * mechanism's gain (RLU without HKE; HKE's tower without its routing; RLU's weighting without its ranking).
 */
public enum Preset {
    /** Target mask: each action learns only from the samples that target it. */
    BASE("base", LabelMask.Kind.TARGET, Hke.OFF, Ranking.OFF),
    /** All-submitted mask: every reported label taken as true. */
    ALL("all", LabelMask.Kind.ALL, Hke.OFF, Ranking.OFF),
    /** Attribution-driven masking. */
    ADM("adm", LabelMask.Kind.ADM, Hke.OFF, Ranking.OFF),
    /** Beyond the paper: the reliability-aware mask in ADM's place (METHOD §2.5). */
    RELIABLE("reliable", LabelMask.Kind.RELIABLE, Hke.OFF, Ranking.OFF),
    /** ADM with HKE towers. */
    ADM_HKE("adm+hke", LabelMask.Kind.ADM, Hke.ROUTED, Ranking.OFF),
    /** Control: ADM with HKE's tower but M ≡ 1, the same capacity without the routing. */
    ADM_HKE_FIXED("adm+hke-fixed", LabelMask.Kind.ADM, Hke.FIXED, Ranking.OFF),
    /** ADM and the RLU ranking loss, without HKE. */
    ADM_RLU("adm+rlu", LabelMask.Kind.ADM, Hke.OFF, Ranking.PAIRWISE),
    /** Control: kaml with the ranking term's pointwise twin, the positives weighted as the pairs weight them. */
    ADM_HKE_WEIGHTED("adm+hke+weighted", LabelMask.Kind.ADM, Hke.ROUTED, Ranking.POINTWISE),
    /** ADM, HKE and the RLU ranking loss: the full method. */
    KAML("kaml", LabelMask.Kind.ADM, Hke.ROUTED, Ranking.PAIRWISE);

    private enum Hke { OFF, ROUTED, FIXED }

    private enum Ranking { OFF, PAIRWISE, POINTWISE }

    private final String key;
    private final LabelMask.Kind mask;
    private final Hke hke;
    private final Ranking ranking;

    Preset(String key, LabelMask.Kind mask, Hke hke, Ranking ranking) {
        this.key = key;
        this.mask = mask;
        this.hke = hke;
        this.ranking = ranking;
    }

    public String key() {
        return key;
    }

    /** {@code tuned}'s ADM and RLU settings with this preset's switches. */
    public LossConfig loss(LossConfig tuned) {
        return tuned.with(mask, ranking != Ranking.OFF).withPointwise(ranking == Ranking.POINTWISE);
    }

    public ModelConfig model(ModelConfig base) {
        return base.withHke(hke != Hke.OFF, hke != Hke.FIXED);
    }

    public static Preset parse(String key) {
        for (Preset p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + key + "' (expected one of "
                + Arrays.stream(values()).map(Preset::key).toList() + ")");
    }
}
