package io.kaml.bench;

import io.kaml.data.Batch;
import io.kaml.data.ParquetLogWriter;
import io.kaml.data.ParquetLogWriter.Column;
import io.kaml.data.ParquetLogWriter.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a synthetic advertising log of any size as a dataset a user would have: a directory of Parquet
 * part files split by day, and its {@code dataset.yaml}, for measuring encoding and streaming training
 * at scale (scripts/scale-bench.sh). Rows come from {@link SyntheticData} in chunks, so memory stays
 * bounded; like it, the labels carry no signal — the figures are about speed and memory only.
 *
 * <p>Usage: {@code java -cp kaml.jar io.kaml.bench.SyntheticLog OUT_DIR ROWS [FIELDS=20] [DAYS=10] [ROWS_PER_FILE=5000000]}
 */
public final class SyntheticLog {
    static final int ACTIONS = 5;
    static final int BUCKETS = 100_000;
    static final int CHUNK = 100_000;

    private SyntheticLog() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: SyntheticLog OUT_DIR ROWS [FIELDS=20] [DAYS=10] [ROWS_PER_FILE=5000000]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        int fields = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int days = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        long perFile = args.length > 4 ? Long.parseLong(args[4]) : 5_000_000L;
        long start = System.nanoTime();
        write(out, rows, fields, days, perFile);
        System.err.printf(Locale.ROOT, "wrote %,d rows in %.1f s to %s%n", rows, (System.nanoTime() - start) / 1e9, out);
    }

    /** Rows are in day order (as logs are), {@code rows / days} per day, numbered from day 1. */
    static void write(Path out, long rows, int fields, int days, long perFile) throws IOException {
        Path logDir = Files.createDirectories(out.resolve("log"));
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("day", Type.INT32));
        columns.add(new Column("advertiser", Type.STRING));
        columns.add(new Column("target", Type.STRING));
        for (int j = 0; j < ACTIONS; j++) {
            columns.add(new Column("y_a" + j, Type.INT32));
        }
        for (int f = 0; f < fields; f++) {
            columns.add(new Column("f" + f, Type.INT64));
        }
        Object[] values = new Object[columns.size()];
        long written = 0;
        int part = 0;
        while (written < rows) {
            long inFile = Math.min(perFile, rows - written);
            try (ParquetLogWriter writer = ParquetLogWriter.create(logDir.resolve(String.format("part-%05d.parquet", part)), columns)) {
                for (long done = 0; done < inFile; ) {
                    int n = (int) Math.min(CHUNK, inFile - done);
                    Batch chunk = SyntheticData.generate(n, fields, BUCKETS, ACTIONS, 17L * part + done);
                    for (int i = 0; i < n; i++) {
                        long row = written + done + i;
                        values[0] = 1 + (int) (row * days / rows);
                        values[1] = "adv" + chunk.advertiser()[i];
                        values[2] = "a" + chunk.target()[i];
                        for (int j = 0; j < ACTIONS; j++) {
                            byte y = chunk.label(i, j);
                            values[3 + j] = y == Batch.UNKNOWN ? null : (int) y;
                        }
                        for (int f = 0; f < fields; f++) {
                            values[3 + ACTIONS + f] = (long) chunk.categorical()[i * fields + f];
                        }
                        writer.write(values);
                    }
                    done += n;
                }
            }
            written += inFile;
            part++;
        }
        StringBuilder spec = new StringBuilder();
        spec.append("# A synthetic log written by io.kaml.bench.SyntheticLog: speed and memory only, the labels carry no signal.\n");
        spec.append("actions: [a0, a1, a2, a3, a4]\nlog: log\nsplit: {valid_days: 1, test_days: 1}\ncolumns:\n");
        spec.append("  advertiser: advertiser\n  target: target\n  day: day\n");
        spec.append("  labels: {a0: y_a0, a1: y_a1, a2: y_a2, a3: y_a3, a4: y_a4}\n  categorical: [");
        for (int f = 0; f < fields; f++) {
            spec.append(f == 0 ? "" : ", ").append('f').append(f);
        }
        // The engine's reference model has 100,000 buckets per field, whatever the data's values.
        spec.append("]\nencoding: {buckets: 100000}\n");
        Files.writeString(out.resolve("dataset.yaml"), spec.toString());
    }
}
