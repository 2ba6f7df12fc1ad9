package io.kaml.cli;

import io.kaml.data.Dataset;
import io.kaml.data.DatasetSpec;
import io.kaml.eval.ExperimentReport;
import io.kaml.eval.ExperimentResult;
import io.kaml.model.BackboneKind;
import io.kaml.train.Experiment;
import io.kaml.train.LearningRateSchedule;
import io.kaml.train.Preset;
import io.kaml.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Compare presets and backbones over several seeds, with significance, in one run.",
                "",
                "Reads and encodes the dataset once, then trains and tests every preset x backbone x seed (docs/METHOD.md §7), "
                        + "seed by seed. Writes into --out: report.json (every run's metrics, the test samples and positives per "
                        + "action, means and spreads with 95%% intervals, RelaImpr over base with p-values that count both the "
                        + "seeds' spread and the test set's sampling error (DeLong), and which actions have too few test positives "
                        + "to decide), report.md (the tables) and report.html (the tables with charts: AUC with interval whiskers, "
                        + "calibration curves, the label picture), and prints report.md.",
                "The model, training and loss options are those of 'train' and are shared by every run; --presets, "
                        + "--backbones and --seeds take the place of train's --preset, --backbone and --seed."},
        footer = {"", "Examples:",
                "  ./kaml experiment --data runs/demo/data/dataset.yaml --presets base,kaml \\",
                "      --backbones mmoe --seeds 1,2,3 --out runs/exp",
                "  ./kaml experiment --data d/dataset.yaml --seeds 1,2,3,4,5 \\",
                "      --presets base,all,adm,adm+hke,kaml --out runs/ablation",
                "  ./kaml experiment --data d/dataset.yaml --backbones mmoe,ple --epochs 2 \\",
                "      --embedding-dim 8 --out runs/quick"})
final class ExperimentCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Mixin
    ModelOptions model;

    @Mixin
    TrainOptions training;

    @Mixin
    LossOptions loss;

    @Option(names = "--presets", paramLabel = "NAME,NAME", split = ",", defaultValue = "base,kaml",
            description = "Presets to compare: base, all, adm, adm+hke, adm+rlu, kaml and the controls adm+hke-fixed, adm+hke+weighted; "
                    + "RelaImpr and significance are over --reference (default: ${DEFAULT-VALUE}).")
    List<String> presets;

    @Option(names = "--reference", paramLabel = "PRESET", defaultValue = "base",
            description = "The preset every other is compared with (RelaImpr, AUC differences and their test): base, or e.g. adm "
                    + "to test a mechanism added to it (default: ${DEFAULT-VALUE}).")
    String reference;

    @Option(names = "--backbones", paramLabel = "NAME,NAME", split = ",", defaultValue = "mmoe",
            description = "Backbones: single-task, shared-bottom, mmoe, ple (default: ${DEFAULT-VALUE}).")
    List<String> backbones;

    @Option(names = "--seeds", paramLabel = "N,N", split = ",", defaultValue = "1,2,3",
            description = "Seeds; every preset x backbone runs with each, and runs of the same seed are compared as pairs (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for report.json, report.md and report.html (created).")
    Path out;

    @Option(names = "--truth", paramLabel = "FILE", description = "Ground-truth file for truth-based metrics (default: the spec's 'truth', if any).")
    Path truth;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        List<BackboneKind> kinds = backbones.stream().map(BackboneKind::parse).toList();
        if (!presets.contains(reference)) {
            throw new IllegalArgumentException("--reference " + reference + " is not among --presets " + String.join(",", presets));
        }
        // Each run replaces the shared config's backbone and seed with its own: the first of each list stands in.
        Experiment experiment = new Experiment(presets.stream().map(Preset::parse).toList(), kinds, seeds,
                model.config(kinds.getFirst()), loss.tuned(), training.config(seeds.getFirst(), 0), training.optimizer(),
                LearningRateSchedule.constant());
        PrintWriter err = command.commandLine().getErr();
        DatasetSpec spec = data.spec();
        Dataset dataset = DataLoading.load(spec, data.onBadRow, data.cache, err);
        ExperimentResult result = experiment.run(dataset, truth != null ? truth : spec.truth(), new ExperimentProgress(err));
        String markdown = ExperimentReport.write(result, commandLine(), out, reference);
        command.commandLine().getOut().print(markdown);
        err.printf("experiment: wrote %s, %s and %s in %s%n", ExperimentReport.JSON, ExperimentReport.MARKDOWN, ExperimentReport.HTML, out);
        return 0;
    }

    private String commandLine() {
        // The top-level parse holds every argument, the subcommand's name included.
        return "kaml " + command.commandLine().getParent().getParseResult().originalArgs().stream()
                .map(a -> a.isEmpty() || a.matches(".*[\\s'\"$].*") ? "'" + a.replace("'", "'\\''") + "'" : a)
                .collect(Collectors.joining(" "));
    }
}
