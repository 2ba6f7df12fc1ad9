package io.kaml.train;

import io.kaml.loss.LabelMask;
import io.kaml.loss.LossConfig;
import io.kaml.model.ModelConfig;
import java.util.Arrays;

/**
 * The combinations a user can name, each usable with any backbone: the paper's base, the naive
 * all-labels baseline, and KAML built up one mechanism at a time.
 */
public enum Preset {
    /** Target mask: each action learns only from the samples that target it. */
    BASE("base", LabelMask.Kind.TARGET, false, false),
    /** All-submitted mask: every reported label taken as true. */
    ALL("all", LabelMask.Kind.ALL, false, false),
    /** Attribution-driven masking. */
    ADM("adm", LabelMask.Kind.ADM, false, false),
    /** ADM with HKE towers. */
    ADM_HKE("adm+hke", LabelMask.Kind.ADM, true, false),
    /** ADM, HKE and the RLU ranking loss: the full method. */
    KAML("kaml", LabelMask.Kind.ADM, true, true);

    private final String key;
    private final LabelMask.Kind mask;
    private final boolean hke;
    private final boolean ranking;

    Preset(String key, LabelMask.Kind mask, boolean hke, boolean ranking) {
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
        return tuned.with(mask, ranking);
    }

    public ModelConfig model(ModelConfig base) {
        return base.withHke(hke);
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
