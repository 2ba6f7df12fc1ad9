package io.kaml.cli;

import io.kaml.artifact.ModelStore;
import io.kaml.data.Batch;
import io.kaml.data.Dataset;
import io.kaml.data.DatasetSpec;
import io.kaml.data.EncodedCache;
import io.kaml.data.FeatureEncoder;
import io.kaml.data.Split;
import io.kaml.eval.MetricsReport;
import io.kaml.eval.ModelEvaluation;
import io.kaml.eval.TruthFile;
import io.kaml.model.Scorer;
import io.kaml.train.HeldOutSplit;
import io.kaml.train.TrainConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a saved model on a split of a dataset (docs/METHOD.md §7).",
                "",
                "Per action over the samples that target it: AUC, LogLoss, n, positives; 'all' over every sample's target "
                        + "prediction; GAUC per advertiser; with a truth file, AUC against the true labels of every action."},
        footer = {"", "Examples:",
                "  ./kaml eval --model m.kaml --data runs/demo/data/dataset.yaml",
                "  ./kaml eval --model m.kaml --data d/dataset.yaml --split valid \\",
                "      --metrics-out valid.json",
                "  ./kaml eval --model m.kaml --data d/dataset.yaml --truth d/truth.csv.gz"})
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model file written by 'kaml train'.")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = "--split", defaultValue = "test", paramLabel = "train|valid|test", description = "Split to evaluate (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--truth", paramLabel = "FILE", description = "Ground-truth file (default: the spec's 'truth', if any).")
    Path truth;

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Also write the metrics as JSON.")
    Path metricsOut;

    @Option(names = "--threads", paramLabel = "N", description = "Scoring threads (default: ${DEFAULT-VALUE}).")
    int threads = TrainConfig.defaults().threads();

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        Split which = Split.parse(split);
        ModelStore.Loaded loaded = ModelStore.load(model);
        DatasetSpec spec = data.spec();
        FeatureEncoder encoder = loaded.model().encoder();
        PrintWriter err = command.commandLine().getErr();
        Path truthFile = truth != null ? truth : spec.truth();
        try (Scorer scorer = new Scorer(loaded.model(), threads)) {
            Batch rows;
            float[] scores;
            if (data.cache == null) {
                Dataset dataset = Dataset.loadWith(encoder, spec, data.onBadRow, which);
                rows = dataset.split(which);
                scores = scorer.score(rows);
                printNotes(err, dataset.readNotes());
            } else {
                // Scored block by block; the cache's buckets are the spec's, so the model must have been trained on its encoding.
                try (EncodedCache cache = EncodedCache.open(spec, data.onBadRow, data.cache, err::println)) {
                    requireSameEncoding(encoder, cache.encoder(), spec);
                    HeldOutSplit.Scored scored = HeldOutSplit.score(cache, encoder, which, spec, scorer);
                    scores = scored.scores();
                    rows = scored.rows();
                    printNotes(err, cache.notes());
                }
            }
            MetricsReport report = ModelEvaluation.evaluate(spec.actions(), rows, scores,
                    truthFile == null ? null : TruthFile.read(truthFile, spec.actions(), rows.ids()));
            PrintWriter out = command.commandLine().getOut();
            out.printf("%s on %s (%s split):%n", model, spec.source(), which.key());
            out.print(report.toTable());
            if (metricsOut != null) {
                report.writeJson(metricsOut);
                err.printf("eval: wrote %s%n", metricsOut);
            }
        }
        return 0;
    }

    private static void printNotes(PrintWriter err, String notes) {
        if (!notes.isEmpty()) {
            err.println(notes);
        }
    }

    /** A model reads the cache's categorical buckets as they are: they must come from the same encoding. */
    private static void requireSameEncoding(FeatureEncoder model, FeatureEncoder cache, DatasetSpec spec) {
        if (!model.actions().equals(cache.actions()) || !model.categoricalFields().equals(cache.categoricalFields())
                || !model.numericalFields().equals(cache.numericalFields())
                || !Arrays.equals(model.buckets(), cache.buckets()) || model.hashSeed() != cache.hashSeed()) {
            throw new UserException("the model was trained with another encoding (actions, features, buckets or hash seed) than "
                    + spec.source() + " declares, so its cache cannot be scored; evaluate without --cache");
        }
    }
}
