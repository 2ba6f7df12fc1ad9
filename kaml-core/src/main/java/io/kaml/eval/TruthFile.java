package io.kaml.eval;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.kaml.data.DataException;
import io.kaml.data.LogFileInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a ground-truth file as the simulator writes it — columns {@code sample_id}, {@code split},
 * {@code p_<action>} and {@code y_<action>} — and aligns it with a split's sample ids.
 */
public final class TruthFile {
    private TruthFile() {
    }

    /**
     * @param ids [n] the sample ids of the evaluated rows, in row order
     * @return the truth of exactly those rows; a missing id is an error naming it
     */
    public static Truth read(Path file, List<String> actions, String[] ids) {
        if (ids == null) {
            throw new DataException(file, 0, null, "a truth file needs sample ids: declare columns.id in dataset.yaml");
        }
        Map<String, Integer> row = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            row.put(ids[i], i);
        }
        int a = actions.size();
        byte[] labels = new byte[ids.length * a];
        float[] probabilities = new float[ids.length * a];
        boolean[] seen = new boolean[ids.length];
        try (InputStream in = LogFileInput.open(file);
             CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            var records = csv.iterator();
            if (!records.hasNext()) {
                throw new DataException(file, 0, null, "empty truth file");
            }
            List<String> header = records.next().getFields();
            int idColumn = column(file, header, "sample_id");
            int[] p = new int[a];
            int[] y = new int[a];
            for (int j = 0; j < a; j++) {
                p[j] = column(file, header, "p_" + actions.get(j));
                y[j] = column(file, header, "y_" + actions.get(j));
            }
            while (records.hasNext()) {
                CsvRecord r = records.next();
                Integer i = row.get(r.getField(idColumn));
                if (i == null) {
                    continue;
                }
                seen[i] = true;
                for (int j = 0; j < a; j++) {
                    try {
                        probabilities[i * a + j] = Float.parseFloat(r.getField(p[j]));
                    } catch (NumberFormatException e) {
                        throw new DataException(file, r.getStartingLineNumber(), header.get(p[j]), "not a number: '" + r.getField(p[j]) + "'");
                    }
                    labels[i * a + j] = (byte) (r.getField(y[j]).equals("1") ? 1 : 0);
                }
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file, "truth file not found", e);
        } catch (IOException e) {
            throw new DataException(file, "cannot read: " + e.getMessage(), e);
        }
        for (int i = 0; i < ids.length; i++) {
            if (!seen[i]) {
                throw new DataException(file, 0, "sample_id", "no truth for sample '" + ids[i] + "'");
            }
        }
        return new Truth(labels, probabilities);
    }

    private static int column(Path file, List<String> header, String name) {
        int at = header.indexOf(name);
        if (at < 0) {
            throw new DataException(file, 1, name, "missing column in the truth file");
        }
        return at;
    }
}
