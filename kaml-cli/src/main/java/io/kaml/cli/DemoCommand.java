package io.kaml.cli;

import io.kaml.data.BadRowPolicy;
import io.kaml.data.BadRowReport;
import io.kaml.data.DatasetSpecParser;
import io.kaml.data.DatasetStats;
import io.kaml.data.Split;
import io.kaml.sim.SampleColumns;
import io.kaml.sim.SimulationSummary;
import io.kaml.sim.Simulator;
import io.kaml.sim.SimulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job on the built-in default data, end to end.",
                "",
                "Generates the simulator's default advertising world (30 days x 20,000 clicks, five actions, "
                        + "incomplete and skewed reporting) unless the directory already holds it, then shows "
                        + "its label picture."},
        footer = {"", "Examples:",
                "  ./kaml demo",
                "  ./kaml demo --dir /tmp/kaml-demo --seed 7"})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "runs/demo", paramLabel = "DIR",
            description = "Working directory: data/ goes here (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the simulated world (default: ${DEFAULT-VALUE}).")
    long seed = SimulatorConfig.DEFAULT.seed();

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = command.commandLine().getOut();
        Path data = dir.resolve("data");
        Simulator simulator = new Simulator(SimulatorConfig.DEFAULT.toBuilder().seed(seed).build());
        out.printf("[1/2] Default advertising world in %s%n", data);
        if (holdsSameWorld(data, simulator)) {
            out.println("      already there (same simulator config); reusing it");
        } else {
            long start = System.nanoTime();
            SimulationSummary summary = simulator.run(data, false, (day, total) -> { });
            out.print(indent(summary.table()));
            out.printf("      generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        Path yaml = data.resolve(SampleColumns.DATASET_FILE);
        out.printf("%n[2/2] Label picture of the training split (%s)%n", yaml);
        DatasetStats stats = DatasetStats.scan(DatasetSpecParser.parse(yaml), Split.TRAIN, BadRowPolicy.FAIL, new BadRowReport());
        out.print(indent(stats.toTable(10)));
        out.printf("%nNext: ./kaml stats --data %s --advertisers 50%n", yaml);
        return 0;
    }

    private static boolean holdsSameWorld(Path data, Simulator simulator) throws IOException {
        Path config = data.resolve(SampleColumns.CONFIG_FILE);
        return Files.isRegularFile(data.resolve(SampleColumns.DATASET_FILE)) && Files.isRegularFile(config)
                && Files.readString(config, StandardCharsets.UTF_8).equals(simulator.configJson());
    }

    private static String indent(String text) {
        return text.indent(6);
    }
}
