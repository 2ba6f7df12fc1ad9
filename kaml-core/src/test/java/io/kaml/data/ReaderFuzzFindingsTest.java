package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.data.ParquetLogWriter.Column;
import io.kaml.data.ParquetLogWriter.Type;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What fuzzing the data readers found (issue 12; see {@link SampleFileFuzzTest}, {@link DatasetSpecFuzzTest}),
 * each on the smallest input that shows it. The CLI prints a {@link DataException}'s message as its one-line
 * error, so a message must not break lines, whatever the input or a library's own message holds.
 */
class ReaderFuzzFindingsTest {
    private static final Path SPEC = Path.of("dataset.yaml");

    @TempDir
    Path dir;

    /** SnakeYAML's report of a syntax error spans five lines: problem, position, the line and a caret, twice. */
    @Test
    void aYamlSyntaxErrorIsOneLine() {
        assertThatThrownBy(() -> DatasetSpecParser.parse(SPEC, "["))
                .isInstanceOf(DataException.class).hasMessageContaining("not valid YAML").hasMessageNotContainingAny("\n", "\r");
    }

    /** A key is shown as written; YAML can write a line break into one. */
    @Test
    void aKeyHoldingALineBreakIsShownOnOneLine() {
        assertThatThrownBy(() -> DatasetSpecParser.parse(SPEC, "\"act\\nions\": [a]"))
                .isInstanceOf(DataException.class).hasMessageContaining("unknown key").hasMessageNotContainingAny("\n", "\r");
    }

    /** "missing column … the file has [...]" lists the header, whose quoted names may hold line breaks. */
    @Test
    void aHeaderNameHoldingALineBreakIsShownOnOneLine() throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, "id,\"y_cl\nick\"\n1,0\n");
        try (RowSource rows = RowSource.open(file, ',', List.of())) {
            assertThatThrownBy(() -> rows.require("y_click", "declared in dataset.yaml"))
                    .isInstanceOf(DataException.class).hasMessageContaining("missing column").hasMessageNotContainingAny("\n", "\r");
        }
    }

    /**
     * A footer whose column chunk names a column its schema lacks: parquet-mr's message prints the whole
     * schema, a line per column.
     */
    @Test
    void aParquetFooterThatContradictsItselfIsOneLine() throws IOException {
        Path file = dir.resolve("data.parquet");
        try (ParquetLogWriter writer = ParquetLogWriter.create(file, List.of(new Column("id", Type.STRING), new Column("price", Type.DOUBLE)))) {
            writer.write("s1", 1.5);
        }
        // The schema comes first in the footer, and no page names its column: the first "price" is the schema's.
        byte[] bytes = Files.readAllBytes(file);
        String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
        Files.write(file, latin1.replaceFirst("price", "prize").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> RowSource.open(file, ',', List.of("id", "price")).close())
                .isInstanceOf(DataException.class).hasMessageContaining("not a readable Parquet file").hasMessageNotContainingAny("\n", "\r");
    }

    /**
     * Found by the seed corpus rather than the fuzzer: a UTF-8 byte order mark (Excel's "CSV UTF-8") stays in
     * the first column's name, so that column is "missing". FastCSV's {@code detectBomHeader} only applies
     * to files it opens itself, and {@link CsvRowSource} hands it a reader (for gzip).
     */
    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnsName() throws IOException {
        Path file = dir.resolve("data.csv");
        Files.write(file, "\uFEFFid,price\n1,2\n".getBytes(StandardCharsets.UTF_8));
        try (RowSource rows = RowSource.open(file, ',', List.of())) {
            assertThat(rows.columns()).containsExactly("id", "price");
        }
    }
}
