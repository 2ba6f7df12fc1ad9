package io.kaml.spark;

import io.kaml.data.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Opens what {@code --data} names through Spark SQL: a table of the catalog (Hive and the like) or a
 * path in any format Spark reads. A name with a {@code /}, a scheme or a file extension, or that names a
 * local file, is a path.
 */
final class TableSource {
    private TableSource() {
    }

    static boolean looksLikePath(String name) {
        return name.contains("/") || name.contains("://") || name.matches(".*\\.(parquet|orc|csv|csv\\.gz|tsv|json|avro)$")
                || Files.exists(Path.of(name));
    }

    /**
     * @param format the reader of a path (parquet, orc, csv, …), or null for one chosen by extension
     * @param spec   the spec file, for messages
     */
    static Dataset<Row> read(SparkSession session, String name, String format, Path spec) {
        try {
            if (!looksLikePath(name) && format == null) {
                return session.table(name);
            }
            String chosen = format != null ? format : byExtension(name);
            DataFrameReader reader = session.read().format(chosen);
            if (chosen.equals("csv")) {
                // kaml's CSV contract: a header row, and every cell read as text, as 'kaml train' reads it.
                reader = reader.option("header", "true").option("sep", name.endsWith(".tsv") ? "\t" : ",");
            }
            return reader.load(name);
        } catch (Exception e) {
            if (e instanceof AnalysisException || e.getCause() instanceof AnalysisException) {
                throw new DataException(Path.of(name), 0, null, "Spark cannot read it (named by --data or 'log' in "
                        + spec.getFileName() + "): " + firstLine(e.getMessage()));
            }
            throw e;
        }
    }

    private static String byExtension(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".csv.gz") || lower.endsWith(".tsv")) {
            return "csv";
        }
        if (lower.endsWith(".orc")) {
            return "orc";
        }
        if (lower.endsWith(".json")) {
            return "json";
        }
        return "parquet";
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
