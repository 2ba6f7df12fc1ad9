package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.data.ParquetLogWriter.Column;
import io.kaml.data.ParquetLogWriter.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A split read from Parquet through the data contract: the same checks and encoding as from CSV. */
class ParquetSplitTest {
    static final String SPEC = """
            actions: [click, buy]
            log: log.parquet
            split: {train: [1, 2], valid: 3, test: 4}
            columns:
              advertiser: advertiser
              target: target
              day: day
              labels: {click: y_click, buy: y_buy}
              numerical: [price]
              categorical: [user_id, device]
            """;
    static final List<Column> COLUMNS = List.of(new Column("day", Type.INT32), new Column("advertiser", Type.STRING),
            new Column("target", Type.STRING), new Column("y_click", Type.BOOLEAN), new Column("y_buy", Type.DOUBLE),
            new Column("price", Type.FLOAT), new Column("user_id", Type.INT64), new Column("device", Type.STRING));

    @TempDir
    Path dir;

    /** Two rows a day on days 1-4, in row groups of three; {@code bad} replaces row 5's buy label. */
    private DatasetSpec write(Double bad) throws IOException {
        Files.writeString(dir.resolve("dataset.yaml"), SPEC);
        try (ParquetLogWriter w = ParquetLogWriter.create(dir.resolve("log.parquet"), COLUMNS, CompressionCodecName.ZSTD, 3)) {
            for (int i = 0; i < 8; i++) {
                Double buy = i == 4 && bad != null ? bad : i % 4 == 2 ? null : (double) (i % 2);
                w.write(1 + i / 2, "adv" + i % 3, i % 2 == 0 ? "click" : "buy", i % 3 == 0, buy, i == 2 ? null : 1.5f * i,
                        (long) 100 + i % 4, i % 2 == 0 ? "ios" : null);
            }
        }
        return DatasetSpecParser.parse(dir.resolve("dataset.yaml"));
    }

    @Test
    void readsNullsAsUnknownLabelsAndMissingFeatures() throws IOException {
        Dataset data = Dataset.load(write(null), BadRowPolicy.FAIL);
        Batch train = data.split(Split.TRAIN);
        assertThat(train.size()).isEqualTo(4);
        assertThat(data.split(Split.TEST).size()).isEqualTo(2);
        assertThat(train.target()).containsExactly(0, 1, 0, 1);
        assertThat(train.label(0, 0)).isEqualTo((byte) 1);
        assertThat(train.label(1, 1)).isEqualTo((byte) 1);
        assertThat(train.label(2, 1)).isEqualTo(Batch.UNKNOWN);
        assertThat(train.label(2, 0)).isEqualTo((byte) 0);
        FeatureEncoder e = data.encoder();
        // user_id 100 from an INT64 hashes as the text "100", as it would from CSV; a null device is bucket 0.
        assertThat(train.categorical()[0]).isEqualTo(e.bucket(0, "100"));
        assertThat(train.categorical()[1]).isEqualTo(e.bucket(1, "ios"));
        assertThat(train.categorical()[3]).isZero();
        // a null price is a missing value, encoded 0 like an empty CSV cell.
        assertThat(train.numerical()[2]).isZero();
    }

    @Test
    void realColumnsHandTheirValuesOverWithoutTextAndAsTextWhenAsked() throws IOException {
        Path file = dir.resolve("reals.parquet");
        List<Column> columns = List.of(new Column("d", Type.DOUBLE), new Column("f", Type.FLOAT));
        // Repeated values are dictionary-encoded, the others plain: both paths are read.
        Object[][] rows = {{2.5, 0.1f}, {2.5, 0.1f}, {Double.NaN, Float.NaN}, {null, null}, {1e39, 3.0f}, {-7.25, 0.1f}};
        try (ParquetLogWriter w = ParquetLogWriter.create(file, columns)) {
            for (Object[] row : rows) {
                w.write(row);
            }
        }
        List<String> seen = new java.util.ArrayList<>();
        try (RowSource source = RowSource.open(file, ',', List.of("d", "f"))) {
            while (source.next()) {
                String d;
                try {
                    d = Double.toString(source.number(0));
                } catch (NumberFormatException e) {
                    d = e.getMessage();
                }
                seen.add(d + " " + source.number(1) + " [" + source.cell(0) + "|" + source.cell(1) + "]");
            }
        }
        assertThat(seen).containsExactly("2.5 0.1 [2.5|0.1]", "2.5 0.1 [2.5|0.1]", "NaN NaN [|]", "NaN NaN [|]",
                "beyond the float range (±3.4e38): '1.0E39' 3.0 [1.0E39|3.0]", "-7.25 0.1 [-7.25|0.1]");
    }

    @Test
    void aBadRowNamesRowGroupRowAndColumnOrIsSkippedAndCounted() throws IOException {
        DatasetSpec spec = write(0.5);
        assertThatThrownBy(() -> Dataset.load(spec, BadRowPolicy.FAIL))
                .isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("log.parquet") + ": row group 2, row 2: column 'y_buy': label must be 1, 0 or empty, got '0.5'");
        Dataset data = Dataset.load(spec, BadRowPolicy.SKIP);
        assertThat(data.split(Split.VALID).size()).isEqualTo(1);
        assertThat(data.badRows().total()).isEqualTo(1);
        assertThat(data.badRows().summary()).contains("column 'y_buy': label must be 1, 0 or empty");
    }
}
