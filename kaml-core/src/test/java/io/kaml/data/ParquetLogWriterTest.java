package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.data.ParquetLogWriter.Column;
import io.kaml.data.ParquetLogWriter.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetLogWriterTest {
    private static final List<Column> COLUMNS = List.of(new Column("id", Type.STRING), new Column("n", Type.INT32),
            new Column("total", Type.INT64), new Column("price", Type.DOUBLE));

    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> idTotalPrice(Path file) {
        List<String> cells = new ArrayList<>();
        try (RowSource source = ParquetRowSource.open(file, List.of("id", "total", "price"))) {
            while (source.next()) {
                cells.add(source.cell(0) + "/" + source.cell(2) + "/" + source.cell(3));
            }
        }
        return cells;
    }

    @Test
    void widensSmallerNumbersAndWritesNulls() throws IOException {
        Path file = dir.resolve("out.parquet");
        try (ParquetLogWriter writer = ParquetLogWriter.create(file, COLUMNS)) {
            writer.write("a", (short) 1, 7, 0.1f);
            writer.write(null, null, (byte) 2, null);
        }
        assertThat(idTotalPrice(file)).containsExactly("a/7/0.1", "/2/");
        assertThat(files()).containsExactly("out.parquet");
    }

    @Test
    void aWrongValueNamesTheColumnAndNothingIsPublished() throws IOException {
        Path file = dir.resolve("out.parquet");
        ParquetLogWriter writer = ParquetLogWriter.create(file, COLUMNS, CompressionCodecName.GZIP, 10);
        writer.write("a", 1, 2L, 3.0);
        assertThatThrownBy(() -> writer.write("b", 1L, 2L, 3.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'n' is INT32, got Long 1");
        assertThatThrownBy(writer::close).isInstanceOf(IOException.class).hasMessageContaining("not written");
        assertThat(files()).isEmpty();
        try (ParquetLogWriter other = ParquetLogWriter.create(file, COLUMNS)) {
            assertThatThrownBy(() -> other.write("a", 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("expected 4 values (one per column), got 2");
            other.abort();
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void untilClosedOnlyAHiddenTemporaryFileExists() throws IOException {
        Path file = dir.resolve("out.parquet");
        Files.writeString(file, "the previous version");
        ParquetLogWriter writer = ParquetLogWriter.create(file, COLUMNS, CompressionCodecName.SNAPPY, 1);
        for (int i = 0; i < 5; i++) {
            writer.write("row" + i, i, (long) i, (double) i);
        }
        // As after a kill: the target is the old file, the rows sit in a temporary file beside it.
        assertThat(Files.readString(file)).isEqualTo("the previous version");
        assertThat(files()).hasSize(2).anySatisfy(name -> assertThat(name).startsWith(".out.parquet").endsWith(".tmp"));
        writer.close();
        assertThat(files()).containsExactly("out.parquet");
        assertThat(idTotalPrice(file)).hasSize(5).first().isEqualTo("row0/0/0.0");
    }

    @Test
    void abortLeavesTheTargetAsItWas() throws IOException {
        Path file = dir.resolve("out.parquet");
        Files.writeString(file, "the previous version");
        try (ParquetLogWriter writer = ParquetLogWriter.create(file, COLUMNS)) {
            writer.write("a", 1, 2L, 3.0);
            writer.abort();
        }
        assertThat(Files.readString(file)).isEqualTo("the previous version");
        assertThat(files()).containsExactly("out.parquet");
    }

    @Test
    void rejectsBadSettingsBeforeCreatingAnything() {
        Path file = dir.resolve("out.parquet");
        assertThatThrownBy(() -> ParquetLogWriter.create(file, COLUMNS, CompressionCodecName.LZ4_RAW, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LZ4_RAW");
        assertThatThrownBy(() -> ParquetLogWriter.create(file, COLUMNS, CompressionCodecName.SNAPPY, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rowGroupRows");
        assertThatThrownBy(() -> ParquetLogWriter.create(file, List.of(new Column("a", Type.INT32), new Column("a", Type.STRING))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate column 'a'");
        assertThat(file).doesNotExist();
    }
}
