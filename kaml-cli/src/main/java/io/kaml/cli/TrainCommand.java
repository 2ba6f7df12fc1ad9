package io.kaml.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.artifact.ModelStore;
import io.kaml.data.Dataset;
import io.kaml.data.DatasetSpec;
import io.kaml.data.Split;
import io.kaml.eval.MetricsReport;
import io.kaml.eval.ModelEvaluation;
import io.kaml.eval.TruthFile;
import io.kaml.loss.LabelMask;
import io.kaml.loss.MaskedBceObjective;
import io.kaml.model.ModelConfig;
import io.kaml.model.MultiTaskModel;
import io.kaml.model.Scorer;
import io.kaml.train.Checkpoint;
import io.kaml.train.CheckpointListener;
import io.kaml.train.LearningRateSchedule;
import io.kaml.train.TrainConfig;
import io.kaml.train.Trainer;
import io.kaml.train.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
                        + "validation 'all' AUC, writes the model file, then prints and saves the test metrics (METHOD §6). "
                        + "A checkpoint is written after every epoch; --resume continues from it with the same result as an "
                        + "uninterrupted run."},
        footer = {"", "Examples:",
                "  ./kaml train --data runs/demo/data/dataset.yaml --backbone mmoe --mask target --out m.kaml --metrics-out metrics.json --seed 1",
                "  ./kaml train --data d/dataset.yaml --backbone ple --mask all --epochs 5 --threads 2 --out ple.kaml",
                "  ./kaml train --data d/dataset.yaml --out m.kaml --resume          (after an interrupted run)"})
final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Mixin
    ModelOptions model;

    @Mixin
    TrainOptions training;

    @Option(names = "--mask", paramLabel = "target|all", defaultValue = "target",
            description = "Which labels train each action: target (the paper's base: only the advertiser's target action) "
                    + "or all (every reported label, zeros taken as true) (default: ${DEFAULT-VALUE}).")
    String mask;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The model file to write.")
    Path modelFile;

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Also write the test metrics as JSON.")
    Path metricsOut;

    @Option(names = "--truth", paramLabel = "FILE", description = "Ground-truth file for truth-based metrics (default: the spec's 'truth', if any).")
    Path truth;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Checkpoint file (default: the model file + .ckpt).")
    Path checkpoint;

    @Option(names = "--checkpoint-steps", paramLabel = "N", defaultValue = "0", description = "Also checkpoint every N steps (default: only at epoch ends).")
    int checkpointSteps;

    @Option(names = "--resume", description = "Continue from the checkpoint instead of starting afresh.")
    boolean resume;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        ModelConfig modelConfig = model.config();
        TrainConfig trainConfig = training.config(checkpointSteps);
        LabelMask labelMask = new LabelMask(LabelMask.Kind.parse(mask));
        Path checkpointFile = checkpoint != null ? checkpoint : modelFile.resolveSibling(modelFile.getFileName() + ".ckpt");
        Checkpoint resumeFrom = null;
        if (resume) {
            if (!Files.isRegularFile(checkpointFile)) {
                throw new UserException("--resume: no checkpoint at " + checkpointFile);
            }
            resumeFrom = Checkpoint.read(checkpointFile);
        }
        DatasetSpec spec = data.spec();
        long start = System.nanoTime();
        err.printf("train: reading %s ...%n", spec.source());
        err.flush();
        Dataset dataset = Dataset.load(spec, data.onBadRow);
        if (dataset.badRows().total() > 0) {
            err.println(dataset.badRows().summary());
        }
        err.printf(Locale.ROOT, "train: read %,d train / %,d valid / %,d test rows in %.1f s%n", dataset.split(Split.TRAIN).size(),
                dataset.split(Split.VALID).size(), dataset.split(Split.TEST).size(), (System.nanoTime() - start) / 1e9);
        MultiTaskModel network = MultiTaskModel.create(modelConfig, dataset.encoder(), trainConfig.seed());
        float[] weights = new float[spec.actionCount()];
        Arrays.fill(weights, 1f);
        Trainer trainer = new Trainer(trainConfig, training.optimizer(), LearningRateSchedule.constant(),
                List.of(new ProgressListener(err, System.console() != null), new CheckpointListener(checkpointFile, checkpointSteps)));
        TrainingResult result = trainer.fit(network, dataset.split(Split.TRAIN), dataset.split(Split.VALID),
                new MaskedBceObjective(labelMask, weights), resumeFrom);

        ObjectNode provenance = provenance(spec, labelMask, trainConfig, result);
        ModelStore.save(network, provenance, modelFile);
        err.printf("train: wrote %s%n", modelFile);
        try (Scorer scorer = new Scorer(network, trainConfig.threads())) {
            Path truthFile = truth != null ? truth : spec.truth();
            var test = dataset.split(Split.TEST);
            MetricsReport report = ModelEvaluation.evaluate(scorer, spec.actions(), test,
                    truthFile == null ? null : TruthFile.read(truthFile, spec.actions(), test.ids()));
            out.printf("Test metrics (%s, %s mask, seed %d):%n", modelConfig.backbone().key(), labelMask.kind().key(), trainConfig.seed());
            out.print(report.toTable());
            if (metricsOut != null) {
                report.writeJson(metricsOut);
                err.printf("train: wrote %s%n", metricsOut);
            }
        }
        return 0;
    }

    private ObjectNode provenance(DatasetSpec spec, LabelMask labelMask, TrainConfig trainConfig, TrainingResult result) {
        ObjectNode p = new ObjectMapper().createObjectNode();
        p.put("created", Instant.now().toString());
        p.put("kaml_version", new Version().getVersion()[0]);
        p.put("data", spec.source().toAbsolutePath().toString());
        p.put("target_column", spec.columns().target());
        if (spec.columns().id() != null) {
            p.put("id_column", spec.columns().id());
        }
        p.put("mask", labelMask.kind().key());
        p.set("train", trainConfig.toJson());
        p.set("optimizer", training.optimizer().toJson());
        p.put("best_epoch", result.bestEpoch() + 1);
        p.put("validation_all_auc", result.bestValidation().all().auc());
        return p;
    }
}
