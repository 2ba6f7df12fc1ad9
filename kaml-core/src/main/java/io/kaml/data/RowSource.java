package io.kaml.data;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * One data file's rows as text cells, whatever its format: the seam through which every format enters
 * (CSV/TSV via {@link CsvRowSource}, Parquet via {@link ParquetRowSource}). Readers of the data contract
 * ({@link SplitReader}, feature tables, label hiding) work on this and never on a format's own API, so
 * a row means the same thing in every format.
 *
 * <p>A cell is the value's text: a Parquet null and an empty CSV field are both {@code ""}; integers
 * and booleans as {@code 1}/{@code 0} style decimal text, floating point as {@link Double#toString}, so
 * a categorical value hashes to the same bucket whichever format carried it.
 */
public interface RowSource extends Closeable {

    /** Opens {@code file}, Parquet when it starts with {@code PAR1}, else CSV/TSV (plain or gzip). */
    static RowSource open(Path file, char separator, Collection<String> wanted) {
        return ParquetRowSource.isParquet(file) ? ParquetRowSource.open(file, wanted) : CsvRowSource.open(file, separator);
    }

    Path file();

    /** Every column name of the file, in file order (the header of a CSV, the schema of a Parquet file). */
    List<String> columns();

    /**
     * Advances to the next row.
     *
     * @return false at the end of the file
     * @throws DataException naming the file and position when the file is corrupt or cannot be read
     */
    boolean next();

    /**
     * Row-level checks of the format (e.g. a CSV row's field count); the caller runs them where it
     * handles bad rows, so a skipped row does not end the file.
     */
    default void checkRow() {
    }

    /**
     * The current row's cell in column {@code column} (an index into {@link #columns()}); {@code ""} for
     * a null or empty value. Only the columns named in {@code wanted} when the source was opened are read.
     */
    String cell(int column);

    /**
     * The current row's cell in {@code column} as a numerical value, as {@link CellNumbers#parseNumber}
     * reads it (NaN for an empty cell); a format that stores numbers may hand them over without text.
     *
     * @throws NumberFormatException naming the value when it is not a finite number within float range
     */
    default double number(int column) {
        return CellNumbers.parseNumber(cell(column));
    }

    /**
     * A stored FLOAT as the double of its shortest decimal text, so {@code 0.1f} is 0.1, not
     * 0.10000000149011612: the number, and the cell text made from it, are then the same whether a CSV
     * cell or a Parquet or Spark float carried it.
     */
    static double widen(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    /** An error at the current row, e.g. {@code train.csv:5: column 'price': …} or {@code log.parquet: row group 2, row 17: column 'price': …}. */
    DataException error(String column, String reason);

    /**
     * The index of {@code column} in {@link #columns()}.
     *
     * @param declared where the column was asked for, e.g. {@code declared in dataset.yaml}, for the message
     * @throws DataException naming the file and column when it is missing or appears twice
     */
    default int require(String column, String declared) {
        List<String> names = columns();
        int at = names.indexOf(column);
        if (at < 0) {
            throw schemaError(column, "missing column (" + declared + "; the file has " + names + ")");
        }
        if (names.lastIndexOf(column) != at) {
            throw schemaError(column, "column appears twice in the header");
        }
        return at;
    }

    /** An error about the file's header or schema (e.g. a missing column) rather than a row. */
    default DataException schemaError(String column, String reason) {
        return new DataException(file(), 0, column, reason);
    }

    @Override
    void close();
}
