package io.kaml.spark;

import io.kaml.data.DayFormat;
import io.kaml.data.DayRange;
import java.io.Serial;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Row;

/**
 * Keeps the rows whose day falls in one split's range, reading the day column as kaml reads it (its
 * {@link DayFormat}), so Spark hands each stage only the rows it needs. A row whose day cannot be read is
 * dropped here: the fitting pass, which reads every row, has already failed on it or counted it skipped.
 */
record DayFilter(String column, DayFormat format, int first, int last) implements FilterFunction<Row> {
    @Serial
    private static final long serialVersionUID = 1L;

    DayFilter(String column, DayFormat format, DayRange range) {
        this(column, format, range.first(), range.last());
    }

    @Override
    public boolean call(Row row) {
        try {
            int day = format.parse(SparkRowSource.text(row.get(row.fieldIndex(column))));
            return day >= first && day <= last;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
