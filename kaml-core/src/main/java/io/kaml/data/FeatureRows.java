package io.kaml.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows to score, read from a CSV/TSV (plain or gzip) with a header: every feature column the encoder
 * knows, optionally a target-action column and an id column; other columns are ignored. Encoded with
 * the model's own {@link FeatureEncoder}, exactly as in training.
 *
 * @param categorical [n, categoricalFields] buckets
 * @param numerical   [n, numericalFields] encoded values
 * @param target      [n] target action index, or -1 where the row names none (or there is no target column)
 * @param ids         [n] id column values, or null without an id column
 */
public record FeatureRows(int size, int[] categorical, float[] numerical, int[] target, String[] ids) {

    /**
     * @param targetColumn name of the optional target-action column (may be absent from the file)
     * @param idColumn     name of the optional id column, or null
     */
    public static FeatureRows read(Path file, FeatureEncoder encoder, String targetColumn, String idColumn) {
        char separator = file.getFileName().toString().matches(".*\\.tsv(\\.gz)?$") ? '\t' : ',';
        try (CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(separator).ignoreDifferentFieldCount(true)
                .skipEmptyLines(true).ofCsvRecord(new InputStreamReader(LogFileInput.open(file), StandardCharsets.UTF_8))) {
            var records = csv.iterator();
            if (!records.hasNext()) {
                throw new DataException(file, 0, null, "empty file: expected a header row");
            }
            CsvRecord header = records.next();
            Map<String, Integer> at = new HashMap<>();
            for (int i = 0; i < header.getFieldCount(); i++) {
                at.put(header.getField(i).trim(), i);
            }
            int[] cat = columns(file, at, encoder.categoricalFields());
            int[] num = columns(file, at, encoder.numericalFields());
            int targetAt = at.getOrDefault(targetColumn, -1);
            int idAt = idColumn == null ? -1 : at.getOrDefault(idColumn, -1);
            int f = cat.length;
            int nf = num.length;
            int n = 0;
            int[] categorical = new int[1024 * f];
            float[] numerical = new float[1024 * nf];
            int[] target = new int[1024];
            List<String> ids = new ArrayList<>();
            while (records.hasNext()) {
                CsvRecord r = records.next();
                long line = r.getStartingLineNumber();
                if (r.getFieldCount() != header.getFieldCount()) {
                    throw new DataException(file, line, null, "expected " + header.getFieldCount() + " fields (as in the header), got " + r.getFieldCount());
                }
                if (n == target.length) {
                    categorical = Arrays.copyOf(categorical, 2 * n * f);
                    numerical = Arrays.copyOf(numerical, 2 * n * nf);
                    target = Arrays.copyOf(target, 2 * n);
                }
                for (int k = 0; k < f; k++) {
                    categorical[n * f + k] = encoder.bucket(k, r.getField(cat[k]));
                }
                for (int k = 0; k < nf; k++) {
                    numerical[n * nf + k] = encoder.numerical(k, parse(file, line, encoder.numericalFields().get(k), r.getField(num[k])));
                }
                target[n] = targetAt < 0 ? -1 : targetIndex(file, line, targetColumn, r.getField(targetAt), encoder);
                if (idAt >= 0) {
                    ids.add(r.getField(idAt));
                }
                n++;
            }
            return new FeatureRows(n, Arrays.copyOf(categorical, n * f), Arrays.copyOf(numerical, n * nf),
                    Arrays.copyOf(target, n), idAt >= 0 ? ids.toArray(String[]::new) : null);
        } catch (NoSuchFileException e) {
            throw new DataException(file, "file not found", e);
        } catch (CsvParseException e) {
            throw new DataException(file, 0, null, "malformed CSV: " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static int[] columns(Path file, Map<String, Integer> at, List<String> names) {
        int[] out = new int[names.size()];
        for (int k = 0; k < out.length; k++) {
            Integer i = at.get(names.get(k));
            if (i == null) {
                throw new DataException(file, 1, names.get(k), "missing feature column (the model needs " + names + ")");
            }
            out[k] = i;
        }
        return out;
    }

    private static double parse(Path file, long line, String column, String value) {
        try {
            return FeatureEncoder.parseNumber(value);
        } catch (NumberFormatException e) {
            throw new DataException(file, line, column, e.getMessage());
        }
    }

    private static int targetIndex(Path file, long line, String column, String value, FeatureEncoder encoder) {
        if (value.isEmpty()) {
            return -1;
        }
        int t = encoder.actionIndex(value);
        if (t < 0) {
            throw new DataException(file, line, column, "unknown target action '" + value + "' (actions: " + encoder.actions() + ")");
        }
        return t;
    }
}
