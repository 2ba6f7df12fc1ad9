package io.kaml.cli;

import io.kaml.data.KuaiRandProtocol;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "kuairand", mixinStandardHelpOptions = true,
        description = {"Prepare the public check on KuaiRand-Pure: the paper's protocol and the advertiser protocol.",
                "",
                "Reads the KuaiRand-Pure log (Parquet) and writes one Parquet log per dataset into --out: oracle, vanilla and "
                        + "kaml (the paper's protocol: a random target per sample; every label, the target's only, or the "
                        + "target's and two random others; labels not kept are unknown) and advertiser (authors as advertisers, "
                        + "each targeting one action and reporting each other one completely, partly or not at all; unreported "
                        + "conversions are 0). The dataset specs in examples/kuairand/ read these logs and join the source's "
                        + "user and video feature tables as they are. The same seed gives the same files."},
        footer = {"", "Examples:",
                "  ./kaml kuairand --source ../shared/data/kuairand-pure --out runs/kuairand",
                "  ./kaml train --data examples/kuairand/kaml.yaml --preset kaml \\",
                "      --out runs/kuairand/kaml.kaml",
                "  bash scripts/kuairand.sh        every table of the README's Real data section"})
final class KuaiRandCommand implements Callable<Integer> {
    @Option(names = "--source", paramLabel = "DIR", defaultValue = "../shared/data/kuairand-pure",
            description = "The KuaiRand-Pure directory with log_*.parquet (default: ${DEFAULT-VALUE}).")
    Path source;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/kuairand",
            description = "Where the datasets go, one directory each (default: ${DEFAULT-VALUE}); examples/kuairand/*.yaml expect runs/kuairand.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(source)) {
            throw new UserException("no KuaiRand-Pure directory at " + source + " (expected log_*.parquet and the feature tables there)");
        }
        long start = System.nanoTime();
        PrintWriter printer = command.commandLine().getOut();
        for (String line : KuaiRandProtocol.prepare(source, out, KuaiRandProtocol.Config.defaults(seed))) {
            printer.println(line);
        }
        printer.printf(Locale.ROOT, "wrote %s in %.1f s%n", out, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
