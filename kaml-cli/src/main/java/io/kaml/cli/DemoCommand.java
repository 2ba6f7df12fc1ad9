package io.kaml.cli;

import io.kaml.data.BadRowPolicy;
import io.kaml.data.BadRowReport;
import io.kaml.data.Dataset;
import io.kaml.data.DatasetSpec;
import io.kaml.data.DatasetSpecParser;
import io.kaml.data.DatasetStats;
import io.kaml.data.Split;
import io.kaml.eval.ExperimentReport;
import io.kaml.eval.ExperimentResult;
import io.kaml.loss.LossConfig;
import io.kaml.model.BackboneKind;
import io.kaml.model.ModelConfig;
import io.kaml.sim.SampleColumns;
import io.kaml.sim.SimulationSummary;
import io.kaml.sim.Simulator;
import io.kaml.sim.SimulatorConfig;
import io.kaml.train.LearningRateSchedule;
import io.kaml.train.OptimizerConfig;
import io.kaml.train.TrainConfig;
import io.kaml.train.Experiment;
import io.kaml.train.Preset;
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
                        + "picture, then runs the default experiment: the paper's base (target mask) against KAML "
                        + "(ADM + HKE + RLU), both on the reference MMoE, three seeds each, and prints the per-action "
                        + "test table with RelaImpr and significance; report.md, report.json and report.html go to DIR/report."},
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

    @Option(names = "--seeds", paramLabel = "N,N", split = ",", description = "Training seeds of each preset (default: ${DEFAULT-VALUE}).")
    List<Long> seeds = List.of(1L, 2L, 3L);

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

        Path reportDir = dir.resolve("report");
        out.printf("%n[3/3] The default experiment: base vs KAML on MMoE, seeds %s (%s)%n", seeds, reportDir);
        out.flush();
        PrintWriter err = command.commandLine().getErr();
        Dataset dataset = DataLoading.load(spec, BadRowPolicy.FAIL, null, err);
        TrainConfig d = TrainConfig.defaults();
        Experiment experiment = new Experiment(List.of(Preset.BASE, Preset.KAML), List.of(BackboneKind.MMOE), seeds,
                ModelConfig.reference(), LossConfig.defaults(), new TrainConfig(epochs, d.batchSize(), d.threads(), d.seed(), d.patience(), 0, 0),
                OptimizerConfig.defaults(), LearningRateSchedule.constant());
        ExperimentResult result = experiment.run(dataset, spec.truth(), new ExperimentProgress(err));
        out.print(ExperimentReport.write(result, "kaml demo --dir " + dir + " --seed " + seed + " --clicks-per-day " + clicksPerDay
                + " --epochs " + epochs, reportDir));
        out.printf("%nThe report with charts: %s%nNext: ./kaml audit --data %s   (what ADM trusts in this data)%n",
                reportDir.resolve(ExperimentReport.HTML), yaml);
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
