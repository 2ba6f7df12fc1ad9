package io.kaml.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "kaml",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
                "Multi-task conversion-rate models for incomplete and skewed labels (KAML).",
                "",
                "Advertisers each optimise one conversion action and report only some of the others; kaml trains "
                        + "one model that is good on the action each advertiser targets, and evaluates it honestly."},
        footer = {"", "Start with:",
                "  ./kaml simulate --out runs/sim       generate the default advertising dataset",
                "  ./kaml stats --data runs/sim/dataset.yaml",
                "",
                "Every command has --help with examples."})
final class KamlCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
