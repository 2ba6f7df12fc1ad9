package io.kaml.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.data.DataException;
import io.kaml.data.DayFormat;
import io.kaml.data.DayRange;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Spark values read as kaml reads the same Parquet values; no Spark session needed. */
class SparkRowSourceTest {
    static final StructType SCHEMA = new StructType()
            .add("s", DataTypes.StringType).add("i", DataTypes.IntegerType).add("l", DataTypes.LongType)
            .add("f", DataTypes.FloatType).add("d", DataTypes.DoubleType).add("b", DataTypes.BooleanType)
            .add("dec", DataTypes.createDecimalType(10, 2)).add("day", DataTypes.DateType);

    static Row row(Object... values) {
        return new GenericRowWithSchema(values, SCHEMA);
    }

    @Test
    void cellsAreTheTextKamlsParquetReaderGivesTheSameValues() {
        SparkRowSource rows = new SparkRowSource("events", "partition 3", SCHEMA, List.of(
                row("x", 7, 12_345_678_901L, 0.1f, 2.5, true, new BigDecimal("3.10"), Date.valueOf("2022-05-08")),
                row(null, null, null, Float.NaN, Double.NaN, false, null, null)).iterator());
        assertThat(rows.columns()).containsExactly("s", "i", "l", "f", "d", "b", "dec", "day");
        assertThat(rows.next()).isTrue();
        assertThat(List.of(rows.cell(0), rows.cell(1), rows.cell(2), rows.cell(3), rows.cell(4), rows.cell(5), rows.cell(6), rows.cell(7)))
                .containsExactly("x", "7", "12345678901", "0.1", "2.5", "1", "3.10", "2022-05-08");
        // A FLOAT through its shortest text, as ParquetRowSource has it: 0.1, not 0.10000000149011612.
        assertThat(rows.number(3)).isEqualTo(0.1);
        assertThat(rows.number(1)).isEqualTo(7.0);
        assertThat(rows.number(6)).isEqualTo(3.1);
        assertThat(rows.next()).isTrue();
        assertThat(List.of(rows.cell(0), rows.cell(1), rows.cell(3), rows.cell(4), rows.cell(5))).containsExactly("", "", "", "", "0");
        assertThat(rows.number(1)).isNaN();
        assertThat(rows.number(3)).isNaN();
        assertThat(rows.number(4)).isNaN();
        assertThat(rows.next()).isFalse();
    }

    @Test
    void aNumberBeyondFloatRangeIsAnErrorAndErrorsNameTableAndPartitionRow() {
        SparkRowSource rows = new SparkRowSource("events", "partition 3", SCHEMA,
                List.of(row("x", 1, 1L, 1f, 1e39, true, null, null)).iterator());
        rows.next();
        assertThatThrownBy(() -> rows.number(4)).isInstanceOf(NumberFormatException.class).hasMessageContaining("float range");
        DataException e = rows.error("d", "bad");
        assertThat(e.getMessage()).isEqualTo("events: partition 3, row 1: column 'd': bad");
    }

    @Test
    void theDayFilterReadsTheDayAsTheSpecSaysAndDropsUnreadableDays() {
        DayFilter may = new DayFilter("day", DayFormat.ISO, new DayRange(DayFormat.ISO.parse("2022-05-07"), DayFormat.ISO.parse("2022-05-08")));
        assertThat(may.call(row("x", 1, 1L, 1f, 1.0, true, null, Date.valueOf("2022-05-08")))).isTrue();
        assertThat(may.call(row("x", 1, 1L, 1f, 1.0, true, null, Date.valueOf("2022-05-09")))).isFalse();
        assertThat(may.call(row("x", 1, 1L, 1f, 1.0, true, null, null))).isFalse();
        DayFilter numbered = new DayFilter("i", DayFormat.INTEGER, new DayRange(5, 6));
        assertThat(numbered.call(row("x", 6, 1L, 1f, 1.0, true, null, null))).isTrue();
        assertThat(numbered.call(row("x", 7, 1L, 1f, 1.0, true, null, null))).isFalse();
    }
}
