package io.kaml.cli;

import io.kaml.artifact.ModelStore;
import io.kaml.data.AtomicFile;
import io.kaml.data.Dataset;
import io.kaml.data.DatasetSpec;
import io.kaml.data.Split;
import io.kaml.eval.Truth;
import io.kaml.eval.TruthFile;
import io.kaml.loss.LabelMask;
import io.kaml.loss.LossConfig;
import io.kaml.train.HeldOutSplit;
import io.kaml.train.Preset;
import io.kaml.model.ModelConfig;
import io.kaml.train.Checkpoint;
import io.kaml.train.CheckpointListener;
import io.kaml.train.LearningRateSchedule;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a multi-task CVR model, save it, and evaluate it on the test split.",
                "",
                "Reads the dataset, fits the feature encoder on the training split, trains with early stopping on the "
                        + "validation 'all' AUC, writes the model file, then prints and saves the test metrics (docs/METHOD.md §7). "
                        + "A checkpoint is written after every epoch; --resume continues from it with the same result as an "
                        + "uninterrupted run."},
        footer = {"", "Examples:",
                "  ./kaml train --data runs/demo/data/dataset.yaml --preset kaml --out m.kaml",
                "  ./kaml train --data runs/demo/data/dataset.yaml --backbone mmoe \\",
                "      --mask target --out m.kaml --metrics-out metrics.json --seed 1",
                "  ./kaml train --data d/dataset.yaml --backbone ple --mask all --epochs 5 \\",
                "      --threads 2 --out ple.kaml",
                "  ./kaml train --data d/dataset.yaml --out m.kaml --resume   # after a stop"})
final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Mixin
    SingleRunOptions run;

    @Mixin
    ModelOptions model;

    @Mixin
    TrainOptions training;

    @Mixin
    LossOptions loss;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The model file to write.")
    Path modelFile;

    @Mixin
    MetricsOutputs metrics;

    @Option(names = "--truth", paramLabel = "FILE", description = "Ground-truth file for truth-based metrics (default: the spec's 'truth', if any).")
    Path truth;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Checkpoint file (default: the model file + .ckpt).")
    Path checkpoint;

    @Option(names = "--checkpoint-steps", paramLabel = "N", defaultValue = "0", description = "Also checkpoint every N steps (default: only at epoch ends).")
    int checkpointSteps;

    @Option(names = "--resume", description = "Continue from the checkpoint instead of starting afresh.")
    boolean resume;

    @Option(names = "--keep-checkpoint",
            description = "Keep the checkpoint after a successful run (to continue it later with more --epochs and --resume); "
                    + "by default it is removed once the model is written.")
    boolean keepCheckpoint;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        ModelConfig modelConfig = model.config(run.backbone());
        TrainConfig trainConfig = training.config(run.seed(), checkpointSteps);
        Path checkpointFile = checkpoint != null ? checkpoint : modelFile.resolveSibling(modelFile.getFileName() + ".ckpt");
        Checkpoint resumeFrom = null;
        if (resume) {
            if (!Files.isRegularFile(checkpointFile)) {
                throw new UserException("--resume: no checkpoint at " + checkpointFile);
            }
            resumeFrom = Checkpoint.read(checkpointFile);
        }
        DatasetSpec spec = data.spec();
        Dataset dataset = DataLoading.load(spec, data.onBadRow, data.cache, err);
        Preset preset = run.preset();
        LossConfig lossConfig = run.loss(loss);
        modelConfig = preset.model(modelConfig);
        TrainingJob job = new TrainingJob(modelConfig, lossConfig, trainConfig, training.optimizer(), LearningRateSchedule.constant());
        Path truthFile = truth != null ? truth : spec.truth();
        Truth testTruth = truthFile == null ? null : TruthFile.read(truthFile, spec.actions(), HeldOutSplit.outcomes(dataset, Split.TEST).ids());
        if (lossConfig.mask() == LabelMask.Kind.RELIABLE) {
            err.println("train: the reliable mask first trains a target-mask model, to estimate how completely each advertiser reports");
        }
        TrainingJob.Outcome outcome = job.run(dataset, testTruth,
                List.of(new ProgressListener(err, System.console() != null), new CheckpointListener(checkpointFile, checkpointSteps)),
                resumeFrom);
        if (outcome.completeness() != null) {
            Path table = modelFile.resolveSibling(modelFile.getFileName() + ".completeness.csv");
            String csv = outcome.completeness().toCsv(dataset.advertisers().names(), spec.actions());
            AtomicFile.write(table, csv.getBytes(StandardCharsets.UTF_8));
            err.printf("train: the reliable mask %s; per advertiser and action in %s%n", outcome.completeness().summary(), table);
        }
        ModelStore.save(outcome.model(), job.provenance(spec, outcome.training(), new Version().getVersion()[0]), modelFile);
        err.printf("train: wrote %s%n", modelFile);
        if (!keepCheckpoint && Files.deleteIfExists(checkpointFile)) {
            // A checkpoint holds the weights three times over (weights, Adam's moments, the best epoch's): gigabytes
            // for a large table, of no use once the model is written unless the run is to be continued.
            err.printf("train: removed the checkpoint %s (--keep-checkpoint keeps it)%n", checkpointFile);
        }
        out.printf("Test metrics (%s, preset %s, %s mask, seed %d):%n", modelConfig.backbone().key(), preset.key(),
                lossConfig.mask().key(), trainConfig.seed());
        out.print(outcome.test().toTable());
        metrics.write(outcome.test(), outcome.training().bestValidation(), "train", err);
        return 0;
    }
}
