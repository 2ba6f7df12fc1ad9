package io.kaml.cli;

import io.kaml.model.BackboneKind;
import io.kaml.model.ModelConfig;
import java.util.List;
import picocli.CommandLine.Option;

/** The model shape options of {@code train} and {@code experiment}; defaults are the reference config. */
public final class ModelOptions {
    @Option(names = "--embedding-dim", paramLabel = "N", defaultValue = "16", description = "Embedding width per field (default: ${DEFAULT-VALUE}).")
    int embeddingDim;

    @Option(names = "--experts", paramLabel = "N", defaultValue = "4", description = "MMoE experts (default: ${DEFAULT-VALUE}).")
    int experts;

    @Option(names = "--expert-hidden", paramLabel = "W,W", split = ",", defaultValue = "128,64",
            description = "Widths of each expert / bottom (default: ${DEFAULT-VALUE}).")
    List<Integer> expertHidden;

    @Option(names = "--tower-hidden", paramLabel = "W,W", split = ",", defaultValue = "32",
            description = "Hidden widths of each tower before its logit (default: ${DEFAULT-VALUE}).")
    List<Integer> towerHidden;

    @Option(names = "--ple-levels", paramLabel = "N", defaultValue = "2", description = "PLE: CGC levels (default: ${DEFAULT-VALUE}).")
    int pleLevels;

    @Option(names = "--ple-shared", paramLabel = "N", defaultValue = "2", description = "PLE: shared experts per level (default: ${DEFAULT-VALUE}).")
    int pleShared;

    @Option(names = "--ple-specific", paramLabel = "N", defaultValue = "1", description = "PLE: experts per action per level (default: ${DEFAULT-VALUE}).")
    int pleSpecific;

    /** The shape around {@code backbone}, which {@link SingleRunOptions} or an experiment's list chooses. */
    public ModelConfig config(BackboneKind backbone) {
        return new ModelConfig(backbone, embeddingDim, experts, expertHidden, towerHidden, pleLevels, pleShared, pleSpecific);
    }
}
