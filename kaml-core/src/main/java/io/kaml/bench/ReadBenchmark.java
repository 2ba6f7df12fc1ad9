package io.kaml.bench;

import io.kaml.data.BadRowPolicy;
import io.kaml.data.Dataset;
import io.kaml.data.DatasetSpec;
import io.kaml.data.DatasetSpecParser;
import io.kaml.data.ParquetLogWriter;
import io.kaml.data.ParquetLogWriter.Column;
import io.kaml.data.ParquetLogWriter.Type;
import io.kaml.data.RowSource;
import io.kaml.data.Split;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Read speed of the two log formats, run by hand from the repository root:
 * {@code java --add-modules=jdk.incubator.vector -cp kaml-cli/target/kaml.jar io.kaml.bench.ReadBenchmark [rows]}.
 * Writes one synthetic table as wide as a KuaiRand log (32 columns: day, target, 10 categorical ids as
 * strings, 10 integers, 5 doubles, 5 labels; 1,000,000 rows by default) as SNAPPY Parquet and as gzip CSV
 * holding the same cell text; reads each {@value #RUNS} times through {@link RowSource} touching every cell,
 * and loads each {@value #RUNS} times into encoded columns through {@link Dataset#load} (a log split by day:
 * row checks, hashing, parsing); prints the median rows/s and their ratio; then times the real KuaiRand
 * log when it is present. Not a test: timing depends on the machine.
 */
public final class ReadBenchmark {
    private static final int RUNS = 5;
    /** Relative to the repository root, where the benchmark is run from. */
    private static final Path KUAIRAND = Path.of("../shared/data/kuairand-pure/log_2022-04-25_to_04-30.parquet");
    /** Distinct values of the categorical columns, from user-sized to device-sized. */
    private static final int[] CARDINALITY = {50_000, 8_000, 5_000, 3_000, 600, 300, 60, 30, 8, 3};

    private ReadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        List<Column> columns = columns();
        List<String> names = columns.stream().map(Column::name).toList();
        Path dir = Files.createTempDirectory("kaml-read-bench");
        try {
            Path parquet = dir.resolve("log.parquet");
            Path csv = dir.resolve("log.csv.gz");
            long start = System.nanoTime();
            write(parquet, csv, columns, rows);
            System.out.printf(Locale.ROOT, "wrote %,d rows x %d columns in %.1f s: parquet %,d bytes, csv.gz %,d bytes%n",
                    rows, columns.size(), (System.nanoTime() - start) / 1e9, Files.size(parquet), Files.size(csv));
            double parquetRate = medianRowsPerSecond(parquet, names);
            double csvRate = medianRowsPerSecond(csv, names);
            System.out.printf(Locale.ROOT, "cells as text: parquet %,.0f rows/s, csv.gz %,.0f rows/s (median of %d reads): parquet %.2fx csv%n",
                    parquetRate, csvRate, RUNS, parquetRate / csvRate);
            double parquetEncoded = medianEncodedRowsPerSecond(spec(dir, "parquet.yaml", "log.parquet"));
            double csvEncoded = medianEncodedRowsPerSecond(spec(dir, "csv.yaml", "log.csv.gz"));
            System.out.printf(Locale.ROOT, "into encoded columns (Dataset.load: checks, hashing, parsing, day split): parquet %,.0f rows/s, "
                    + "csv.gz %,.0f rows/s (median of %d loads): parquet %.2fx csv%n", parquetEncoded, csvEncoded, RUNS,
                    parquetEncoded / csvEncoded);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        if (Files.isReadable(KUAIRAND)) {
            List<String> all;
            try (RowSource source = RowSource.open(KUAIRAND, ',', List.of())) {
                all = source.columns();
            }
            System.out.printf(Locale.ROOT, "%s: %,.0f rows/s (median of %d reads, all %d columns)%n",
                    KUAIRAND.getFileName(), medianRowsPerSecond(KUAIRAND, all), RUNS, all.size());
        }
    }

    /** A spec over the table: advertiser cat4, actions y0..y4, the other 19 id columns categorical, reals numerical, days 1-8/9/10. */
    private static DatasetSpec spec(Path dir, String name, String log) throws IOException {
        StringBuilder categorical = new StringBuilder();
        for (int c = 0; c < CARDINALITY.length; c++) {
            if (c != 4) {
                categorical.append("cat").append(c).append(", ");
            }
        }
        for (int c = 0; c < 10; c++) {
            categorical.append("int").append(c).append(c < 9 ? ", " : "");
        }
        Path yaml = dir.resolve(name);
        Files.writeString(yaml, "actions: [y0, y1, y2, y3, y4]\nlog: " + log + "\nsplit: {train: [1, 8], valid: 9, test: 10}\n"
                + "columns:\n  advertiser: cat4\n  target: target\n  day: day\n"
                + "  labels: {y0: y0, y1: y1, y2: y2, y3: y3, y4: y4}\n"
                + "  categorical: [" + categorical + "]\n  numerical: [real0, real1, real2, real3, real4]\n");
        return DatasetSpecParser.parse(yaml);
    }

    private static double medianEncodedRowsPerSecond(DatasetSpec spec) {
        double[] rates = new double[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            Dataset data = Dataset.load(spec, BadRowPolicy.FAIL);
            long rows = (long) data.split(Split.TRAIN).size() + data.split(Split.VALID).size() + data.split(Split.TEST).size();
            rates[run] = rows / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates[RUNS / 2];
    }

    private static List<Column> columns() {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("day", Type.INT32));
        columns.add(new Column("target", Type.STRING));
        for (int c = 0; c < CARDINALITY.length; c++) {
            columns.add(new Column("cat" + c, Type.STRING));
        }
        for (int c = 0; c < 10; c++) {
            columns.add(new Column("int" + c, Type.INT64));
        }
        for (int c = 0; c < 5; c++) {
            columns.add(new Column("real" + c, Type.DOUBLE));
        }
        for (int c = 0; c < 5; c++) {
            columns.add(new Column("y" + c, Type.INT32));
        }
        return columns;
    }

    private static void write(Path parquet, Path csv, List<Column> columns, int rows) throws IOException {
        SplittableRandom random = new SplittableRandom(20251215);
        Object[] values = new Object[columns.size()];
        String[] text = new String[columns.size()];
        try (ParquetLogWriter table = ParquetLogWriter.create(parquet, columns);
                Writer lines = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(csv), 1 << 16),
                        StandardCharsets.UTF_8), 1 << 16)) {
            lines.write(String.join(",", columns.stream().map(Column::name).toList()));
            lines.write('\n');
            for (int r = 0; r < rows; r++) {
                int c = 0;
                values[c] = 1 + (int) ((long) r * 10 / rows);
                text[c] = values[c].toString();
                c++;
                values[c] = "y" + random.nextInt(5);
                text[c] = (String) values[c];
                c++;
                for (int cardinality : CARDINALITY) {
                    values[c] = "v" + random.nextInt(cardinality);
                    text[c] = (String) values[c];
                    c++;
                }
                for (int i = 0; i < 10; i++, c++) {
                    // Small counts, hours, milliseconds and epoch times: from dictionary-friendly to unique.
                    long value = i < 3 ? random.nextInt(10 << i) : i < 6 ? random.nextLong(1_000_000) : 1_650_000_000_000L + random.nextLong(1L << 30);
                    values[c] = value;
                    text[c] = Long.toString(value);
                }
                for (int i = 0; i < 5; i++, c++) {
                    double value = i == 0 ? Math.round(random.nextDouble() * 1000) / 100.0 : random.nextDouble() * 100;
                    values[c] = value;
                    text[c] = Double.toString(value);
                }
                for (int i = 0; i < 5; i++, c++) {
                    int value = random.nextDouble() < 0.4 / (1 << (2 * i)) ? 1 : 0;
                    values[c] = value;
                    text[c] = Integer.toString(value);
                }
                table.write(values);
                lines.write(String.join(",", text));
                lines.write('\n');
            }
        }
    }

    private static double medianRowsPerSecond(Path file, List<String> columns) {
        double[] rates = new double[RUNS];
        long checksum = 0;
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            long rows = 0;
            try (RowSource source = RowSource.open(file, ',', columns)) {
                int width = source.columns().size();
                while (source.next()) {
                    rows++;
                    for (int c = 0; c < width; c++) {
                        checksum += source.cell(c).length();
                    }
                }
            }
            rates[run] = rows / ((System.nanoTime() - start) / 1e9);
        }
        // Printed so the JIT cannot drop the reads.
        System.out.printf(Locale.ROOT, "  %s: %,d characters per read%n", file.getFileName(), checksum / RUNS);
        Arrays.sort(rates);
        return rates[RUNS / 2];
    }
}
