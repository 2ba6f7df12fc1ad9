package io.kaml.cli;

import io.kaml.loss.LabelMask;
import io.kaml.loss.LossConfig;
import io.kaml.model.BackboneKind;
import io.kaml.train.Preset;
import picocli.CommandLine.Option;

/**
 * What one training run is: its preset (with an optional mask override), backbone and seed. A mixin of
 * its own because {@code experiment} varies these over lists ({@code --presets}, {@code --backbones},
 * {@code --seeds}) and must not offer the single forms beside them.
 */
public final class SingleRunOptions {
    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "base",
            description = "base (target mask), all (every reported label), adm, adm+hke, adm+rlu, kaml (adm+hke+rlu), reliable (the "
                    + "reliability-aware mask in adm's place), or a control: "
                    + "adm+hke-fixed (HKE's tower, M = 1 for every sample), adm+hke+weighted (kaml's pairs scored pointwise) "
                    + "(default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--mask", paramLabel = "target|all|adm|reliable",
            description = "Override the preset's mask: target (only the advertiser's target action), all (every reported "
                    + "label, zeros taken as true), adm (attribution-driven) or reliable (labels of advertisers whose report "
                    + "completeness, estimated by a first-stage target-mask model, is credibly high).")
    String mask;

    @Option(names = "--backbone", paramLabel = "NAME", defaultValue = "mmoe",
            description = "single-task, shared-bottom, mmoe or ple (default: ${DEFAULT-VALUE}).")
    String backbone;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Initialisation and shuffling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    public Preset preset() {
        return Preset.parse(preset);
    }

    /** The preset's loss with the ADM and RLU knobs of {@code knobs}, its mask replaced when {@code --mask} is given. */
    public LossConfig loss(LossOptions knobs) {
        LossConfig config = preset().loss(knobs.tuned());
        return mask == null ? config : config.with(LabelMask.Kind.parse(mask), config.ranking());
    }

    public BackboneKind backbone() {
        return BackboneKind.parse(backbone);
    }

    public long seed() {
        return seed;
    }
}
