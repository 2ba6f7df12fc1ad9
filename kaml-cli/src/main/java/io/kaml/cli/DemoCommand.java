package io.kaml.cli;

import io.kaml.data.BadRowPolicy;
import io.kaml.artifact.ModelStore;
import io.kaml.data.BadRowReport;
import io.kaml.data.Dataset;
import io.kaml.data.DatasetSpec;
import io.kaml.data.DatasetSpecParser;
import io.kaml.data.DatasetStats;
import io.kaml.data.Split;
import io.kaml.loss.LossConfig;
import io.kaml.model.ModelConfig;
import io.kaml.sim.SampleColumns;
import io.kaml.sim.SimulationSummary;
import io.kaml.sim.Simulator;
import io.kaml.sim.SimulatorConfig;
import io.kaml.train.LearningRateSchedule;
import io.kaml.train.OptimizerConfig;
import io.kaml.train.TrainConfig;
import io.kaml.train.TrainingJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job on the built-in default data, end to end.",
                "",
                "Generates the simulator's default advertising world (30 days x 20,000 clicks, five actions, "
                        + "incomplete and skewed reporting) unless the directory already holds it, shows its label "
                        + "picture, then trains the reference MMoE with the target mask (the paper's base), saves it "
                        + "and prints its per-action test metrics."},
        footer = {"", "Examples:",
                "  ./kaml demo",
                "  ./kaml demo --dir /tmp/kaml-demo --seed 7",
                "  ./kaml demo --clicks-per-day 5000 --epochs 1          (a quick look)"})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "runs/demo", paramLabel = "DIR",
            description = "Working directory: data/ goes here (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the simulated world (default: ${DEFAULT-VALUE}).")
    long seed = SimulatorConfig.DEFAULT.seed();

    @Option(names = "--clicks-per-day", paramLabel = "N", description = "Size of the simulated world (default: ${DEFAULT-VALUE}).")
    int clicksPerDay = SimulatorConfig.DEFAULT.clicksPerDay();

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs at most (default: ${DEFAULT-VALUE}).")
    int epochs = TrainConfig.defaults().epochs();

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = command.commandLine().getOut();
        Path data = dir.resolve("data");
        Simulator simulator = new Simulator(SimulatorConfig.DEFAULT.toBuilder().seed(seed).clicksPerDay(clicksPerDay).build());
        out.printf("[1/3] Default advertising world in %s%n", data);
        if (holdsSameWorld(data, simulator)) {
            out.println("      already there (same simulator config); reusing it");
        } else {
            long start = System.nanoTime();
            SimulationSummary summary = simulator.run(data, false, (day, total) -> { });
            out.print(indent(summary.table()));
            out.printf("      generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        Path yaml = data.resolve(SampleColumns.DATASET_FILE);
        out.printf("%n[2/3] Label picture of the training split (%s)%n", yaml);
        DatasetSpec spec = DatasetSpecParser.parse(yaml);
        DatasetStats stats = DatasetStats.scan(spec, Split.TRAIN, BadRowPolicy.FAIL, new BadRowReport());
        out.print(indent(stats.toTable(10)));

        Path modelFile = dir.resolve("mmoe-target.kaml");
        out.printf("%n[3/3] Training the reference MMoE with the target mask (%s)%n", modelFile);
        out.flush();
        PrintWriter err = command.commandLine().getErr();
        Dataset dataset = DataLoading.load(spec, BadRowPolicy.FAIL, err);
        TrainConfig d = TrainConfig.defaults();
        TrainConfig trainConfig = new TrainConfig(epochs, d.batchSize(), d.threads(), d.seed(), d.patience(), 0);
        TrainingJob job = new TrainingJob(ModelConfig.reference(), LossConfig.defaults(), trainConfig, OptimizerConfig.defaults(),
                LearningRateSchedule.constant());
        TrainingJob.Outcome outcome = job.run(dataset, spec.truth(),
                List.of(new ProgressListener(err, System.console() != null)), null);
        ModelStore.save(outcome.model(), job.provenance(spec, outcome.training(), new Version().getVersion()[0]), modelFile);
        out.printf("      test metrics (seed %d; a claim about the simulator, not real logs):%n", trainConfig.seed());
        out.print(indent(outcome.test().toTable()));
        out.printf("%nNext: ./kaml eval --model %s --data %s%n      ./kaml train --help%n", modelFile, yaml);
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
