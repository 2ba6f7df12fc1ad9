package io.kaml.spark;

import io.kaml.data.DataException;
import io.kaml.data.CellNumbers;
import io.kaml.data.RowSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of one Spark partition as a {@link RowSource}, so the same reader that encodes a local
 * file ({@link io.kaml.data.SplitReader}) encodes them. Values become the cell text that
 * {@link io.kaml.data.ParquetRowSource} gives the same Parquet value (integers in decimal, booleans 1/0,
 * a FLOAT through its shortest text, a NaN or null as missing), so a value hashes to the same bucket, and
 * a number to the same input, whether kaml or Spark read the file.
 */
final class SparkRowSource implements RowSource {
    private final Path name;
    private final String partition;
    private final List<String> columns;
    private final Iterator<Row> rows;
    private Row row;
    private long index;

    /**
     * @param table     what the rows are read from (a table name or path), for messages
     * @param partition which part of it, e.g. {@code partition 3}, for messages
     */
    SparkRowSource(String table, String partition, StructType schema, Iterator<Row> rows) {
        this.name = Path.of(table);
        this.partition = partition;
        this.columns = List.of(schema.fieldNames());
        this.rows = rows;
    }

    @Override
    public Path file() {
        return name;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        if (!rows.hasNext()) {
            return false;
        }
        row = rows.next();
        index++;
        return true;
    }

    @Override
    public String cell(int column) {
        return text(row.get(column));
    }

    /** A Spark value as kaml's cell text. */
    static String text(Object value) {
        return switch (value) {
            case null -> "";
            case String s -> s;
            case Boolean b -> b ? "1" : "0";
            case Float f -> Float.isNaN(f) ? "" : Double.toString(RowSource.widen(f));
            case Double d -> Double.isNaN(d) ? "" : Double.toString(d);
            case BigDecimal d -> d.toPlainString();
            default -> value.toString();
        };
    }

    @Override
    public double number(int column) {
        Object value = row.get(column);
        return switch (value) {
            case null -> Double.NaN;
            case Float f -> CellNumbers.checkNumber(RowSource.widen(f));
            case Double d -> CellNumbers.checkNumber(d);
            case Integer i -> i;
            case Long l -> CellNumbers.checkNumber(l.doubleValue());
            case Short s -> s;
            case Byte b -> b;
            default -> CellNumbers.parseNumber(cell(column));
        };
    }

    @Override
    public DataException error(String column, String reason) {
        return new DataException(name, partition + ", row " + index, column, reason);
    }

    @Override
    public void close() {
        // Spark owns the iterator: nothing to release.
    }
}
