package io.kaml.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Rows to score, read from a CSV/TSV (plain or gzip) with a header, or a Parquet file: every feature column the encoder
 * knows, optionally a target-action column and an id column; other columns are ignored. Encoded with
 * the model's own {@link FeatureEncoder}, exactly as in training. An empty cell is a missing feature,
 * refused by {@link MissingRule} (with file, line and column) where the model did not learn that feature
 * missing. A feature column the file lacks is missing in every row, as serving reads an instance that leaves
 * the feature out: refused up front unless the rule lets that feature be missing.
 *
 * @param categorical [n, categoricalFields] buckets
 * @param numerical   [n, numericalFields] encoded values
 * @param target      [n] target action index, or -1 where the row names none (or there is no target column)
 * @param ids         [n] id column values, or null without an id column
 */
public record FeatureRows(int size, int[] categorical, float[] numerical, int[] target, String[] ids) {

    /**
     * Every row of {@code file} at once.
     *
     * @param targetColumn name of the optional target-action column (may be absent from the file)
     * @param idColumn     name of the optional id column, or null
     * @param allowMissing score rows with features missing that training never saw missing (see {@link MissingRule})
     */
    public static FeatureRows read(Path file, FeatureEncoder encoder, String targetColumn, String idColumn, boolean allowMissing) {
        List<FeatureRows> all = new ArrayList<>(1);
        stream(file, encoder, targetColumn, idColumn, allowMissing, Integer.MAX_VALUE, all::add);
        return all.getFirst();
    }

    /**
     * The rows of {@code file} in order, handed to {@code each} in chunks of at most {@code chunkRows}, so a
     * file of any size is scored with bounded memory. A file without rows gives one empty chunk.
     *
     * @return the feature columns the file lacks, read as missing in every row (for the caller to say so)
     */
    public static List<String> stream(Path file, FeatureEncoder encoder, String targetColumn, String idColumn, boolean allowMissing,
                                      int chunkRows, Consumer<FeatureRows> each) {
        MissingRule missing = new MissingRule(encoder, allowMissing);
        char separator = DatasetSpec.separatorFor((char) 0, file);
        List<String> wanted = new ArrayList<>(encoder.categoricalFields());
        wanted.addAll(encoder.numericalFields());
        wanted.add(targetColumn);
        if (idColumn != null) {
            wanted.add(idColumn);
        }
        try (RowSource rows = RowSource.open(file, separator, wanted)) {
            List<String> absent = new ArrayList<>();
            int[] cat = columns(rows, encoder.categoricalFields(), missing, absent);
            int[] num = columns(rows, encoder.numericalFields(), missing, absent);
            int targetAt = rows.columns().indexOf(targetColumn);
            int idAt = idColumn == null ? -1 : rows.columns().indexOf(idColumn);
            int f = cat.length;
            int nf = num.length;
            int start = Math.min(1024, chunkRows);
            int n = 0;
            int[] categorical = new int[start * f];
            float[] numerical = new float[start * nf];
            int[] target = new int[start];
            List<String> ids = new ArrayList<>();
            boolean emitted = false;
            while (rows.next()) {
                rows.checkRow();
                if (n == target.length) {
                    int grown = (int) Math.min(chunkRows, 2L * n);
                    categorical = Arrays.copyOf(categorical, grown * f);
                    numerical = Arrays.copyOf(numerical, grown * nf);
                    target = Arrays.copyOf(target, grown);
                }
                for (int k = 0; k < f; k++) {
                    int bucket = cat[k] < 0 ? FeatureEncoder.MISSING_BUCKET : encoder.bucket(k, rows.cell(cat[k]));
                    if (bucket == FeatureEncoder.MISSING_BUCKET) {
                        refuse(rows, encoder.categoricalFields().get(k), missing.categorical(k));
                    }
                    categorical[n * f + k] = bucket;
                }
                for (int k = 0; k < nf; k++) {
                    double x = num[k] < 0 ? Double.NaN : number(rows, encoder.numericalFields().get(k), num[k]);
                    if (Double.isNaN(x)) {
                        refuse(rows, encoder.numericalFields().get(k), missing.numerical(k));
                    }
                    numerical[n * nf + k] = encoder.numerical(k, x);
                }
                target[n] = targetAt < 0 ? -1 : targetIndex(rows, targetColumn, rows.cell(targetAt), encoder);
                if (idAt >= 0) {
                    ids.add(rows.cell(idAt));
                }
                if (++n == chunkRows) {
                    each.accept(chunk(n, categorical, numerical, target, idAt >= 0 ? ids : null, f, nf));
                    emitted = true;
                    ids.clear();
                    n = 0;
                }
            }
            if (n > 0 || !emitted) {
                each.accept(chunk(n, categorical, numerical, target, idAt >= 0 ? ids : null, f, nf));
            }
            return absent;
        }
    }

    private static FeatureRows chunk(int n, int[] categorical, float[] numerical, int[] target, List<String> ids, int f, int nf) {
        return new FeatureRows(n, Arrays.copyOf(categorical, n * f), Arrays.copyOf(numerical, n * nf), Arrays.copyOf(target, n),
                ids == null ? null : ids.toArray(String[]::new));
    }

    /** Where each of {@code names} is in the file; -1 (added to {@code absent}) for one it lacks that may be missing. */
    private static int[] columns(RowSource rows, List<String> names, MissingRule missing, List<String> absent) {
        int[] out = new int[names.size()];
        for (int k = 0; k < out.length; k++) {
            String name = names.get(k);
            if (!rows.columns().contains(name) && missing.mayBeMissing().contains(name)) {
                out[k] = -1;
                absent.add(name);
            } else {
                out[k] = rows.require(name, "a feature column: the model needs " + names
                        + " and did not learn this one missing; add it, or run predict with --allow-missing");
            }
        }
        return out;
    }

    /** Fails on the row in hand when {@code refusal} says it may not leave {@code column} missing. */
    private static void refuse(RowSource rows, String column, String refusal) {
        if (refusal != null) {
            throw rows.error(column, refusal + " (fill it, or run predict with --allow-missing)");
        }
    }

    private static double number(RowSource rows, String column, int at) {
        try {
            return rows.number(at);
        } catch (NumberFormatException e) {
            throw rows.error(column, e.getMessage());
        }
    }

    private static int targetIndex(RowSource rows, String column, String value, FeatureEncoder encoder) {
        if (value.isEmpty()) {
            return -1;
        }
        int t = encoder.actionIndex(value);
        if (t < 0) {
            throw rows.error(column, "unknown target action '" + value + "' (actions: " + encoder.actions() + ")");
        }
        return t;
    }
}
