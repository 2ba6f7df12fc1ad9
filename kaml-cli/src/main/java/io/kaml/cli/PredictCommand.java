package io.kaml.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.kaml.artifact.ModelStore;
import io.kaml.data.AtomicFile;
import io.kaml.data.FeatureRows;
import io.kaml.model.MultiTaskModel;
import io.kaml.model.Scorer;
import io.kaml.train.TrainConfig;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Score rows with a saved model: a probability per action, plus the served score.",
                "",
                "The input is a CSV/TSV (plain or gzip) with a header, or a Parquet file, holding every feature column the model was trained on; "
                        + "other columns are ignored. When a row names its target action (the training data's target column, "
                        + "or --target-column), the output's 'score' is that action's probability: the score an ad server uses.",
                "",
                "An empty cell is a missing feature, and so is a feature column the file lacks. Where the model did not learn that "
                        + "feature missing (training never saw it empty, and no --missing-dropout), that is an error naming file, line "
                        + "and column, as 'kaml serve' answers 400 for the same row; --allow-missing scores it anyway."},
        footer = {"", "Examples:",
                "  ./kaml predict --model m.kaml --input runs/demo/data/test.csv.gz \\",
                "      --out scores.csv",
                "  ./kaml predict --model m.kaml --input requests.tsv --target-column goal \\",
                "      --out scores.csv"})
final class PredictCommand implements Callable<Integer> {
    /** Rows read, scored and written at a time. */
    private static final int CHUNK_ROWS = 65_536;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model file written by 'kaml train'.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Rows to score.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The scores CSV to write.")
    Path out;

    @Option(names = "--target-column", paramLabel = "NAME", description = "Column naming each row's target action (default: the training data's).")
    String targetColumn;

    @Option(names = "--allow-missing",
            description = "Score rows with a feature missing that training never saw missing, from an input training never shaped, "
                    + "instead of stopping at the first such row.")
    boolean allowMissing;

    @Option(names = "--threads", paramLabel = "N", description = "Scoring threads (default: ${DEFAULT-VALUE}).")
    int threads = TrainConfig.defaults().threads();

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        ModelStore.Loaded loaded = ModelStore.load(model);
        MultiTaskModel network = loaded.model();
        String target = targetColumn != null ? targetColumn : loaded.provenance().path("target_column").asText("target_action");
        String id = loaded.provenance().hasNonNull("id_column") ? loaded.provenance().get("id_column").asText() : null;
        long start = System.nanoTime();
        List<String> actions = network.encoder().actions();
        long[] scored = new long[1];
        List<String> absent = new ArrayList<>();
        // Chunk by chunk: an input of any size is read, scored and written with bounded memory.
        try (Scorer scorer = new Scorer(network, threads)) {
            AtomicFile.write(out, stream -> {
                Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                CsvWriter csv = CsvWriter.builder().build(writer);
                boolean[] header = {false};
                absent.addAll(FeatureRows.stream(input, network.encoder(), target, id, allowMissing, CHUNK_ROWS, rows -> {
                    if (!header[0]) {
                        csv.writeRecord(header(rows, actions));
                        header[0] = true;
                    }
                    write(csv, rows, scorer.score(rows.size(), rows.categorical(), rows.numerical()), actions);
                    scored[0] += rows.size();
                }));
                writer.flush();
            });
        }
        if (!absent.isEmpty()) {
            command.commandLine().getErr().println("predict: " + input + " has no column " + String.join(", ", absent)
                    + ": scored as missing in every row");
        }
        command.commandLine().getErr().printf(Locale.ROOT, "predict: scored %,d rows in %.1f s; wrote %s%n", scored[0],
                (System.nanoTime() - start) / 1e9, out);
        return 0;
    }

    private static List<String> header(FeatureRows rows, List<String> actions) {
        List<String> header = new ArrayList<>();
        if (rows.ids() != null) {
            header.add("id");
        }
        header.add("target");
        header.add("score");
        actions.forEach(a -> header.add("p_" + a));
        return header;
    }

    private static void write(CsvWriter csv, FeatureRows rows, float[] scores, List<String> actions) {
        int a = actions.size();
        String[] record = new String[(rows.ids() != null ? 1 : 0) + 2 + a];
        for (int i = 0; i < rows.size(); i++) {
            int k = 0;
            if (rows.ids() != null) {
                record[k++] = rows.ids()[i];
            }
            int t = rows.target()[i];
            record[k++] = t < 0 ? "" : actions.get(t);
            record[k++] = t < 0 ? "" : Float.toString(scores[i * a + t]);
            for (int j = 0; j < a; j++) {
                record[k++] = Float.toString(scores[i * a + j]);
            }
            csv.writeRecord(record);
        }
    }
}
