package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.data.ParquetLogWriter.Column;
import io.kaml.data.ParquetLogWriter.Type;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetRowSourceTest {
    /** The shared data beside the repository (tests run in the module directory); skipped when absent. */
    private static final Path KUAIRAND = Path.of("../../shared/data/kuairand-pure/log_2022-04-25_to_04-30.parquet");
    private static final List<Column> ALL_TYPES = List.of(new Column("s", Type.STRING), new Column("i", Type.INT32),
            new Column("l", Type.INT64), new Column("d", Type.DOUBLE), new Column("f", Type.FLOAT), new Column("b", Type.BOOLEAN));
    private static final List<String> ALL_NAMES = ALL_TYPES.stream().map(Column::name).toList();

    @TempDir
    Path dir;

    /** {@code rows} rows of {@link #ALL_TYPES}; row n (0-based) holds distinct values derived from n. */
    private Path writeNumbered(String name, int rows, CompressionCodecName codec, int rowGroupRows) throws IOException {
        Path file = dir.resolve(name);
        try (ParquetLogWriter writer = ParquetLogWriter.create(file, ALL_TYPES, codec, rowGroupRows)) {
            for (int n = 0; n < rows; n++) {
                writer.write("row-" + n, n, 1_000_000_000_000L + n, n * 1.5, n / 4f, n % 3 == 0);
            }
        }
        return file;
    }

    private static List<List<String>> readAll(Path file, List<String> wanted) {
        List<List<String>> rows = new ArrayList<>();
        try (RowSource source = ParquetRowSource.open(file, wanted)) {
            while (source.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < source.columns().size(); c++) {
                    row.add(source.cell(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static ParquetFileReader footer(Path file) throws IOException {
        return ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(ParquetCodecs.INSTANCE).build());
    }

    private static ColumnChunkMetaData chunk(Path file, int rowGroup, String column) throws IOException {
        try (ParquetFileReader reader = footer(file)) {
            return reader.getRowGroups().get(rowGroup - 1).getColumns().stream()
                    .filter(c -> c.getPath().toDotString().equals(column)).findFirst().orElseThrow();
        }
    }

    private static void flip(Path file, long position, int count) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < count; i++) {
            bytes[(int) position + i] ^= (byte) 0xFF;
        }
        Files.write(file, bytes);
    }

    @Test
    void readsEveryTypeAsCellTextWithNullsAsEmpty() throws IOException {
        Path file = dir.resolve("types.parquet");
        try (ParquetLogWriter writer = ParquetLogWriter.create(file, ALL_TYPES, CompressionCodecName.SNAPPY, 100)) {
            writer.write("a", 1, 2L, 0.5, 0.1f, true);
            writer.write(null, null, null, null, null, null);
            writer.write("ü€ 東京", -7, Long.MIN_VALUE, 1e-7, 3f, false);
            writer.write("", Integer.MAX_VALUE, 42, -0.0, -2.5e10f, null);
        }
        assertThat(ParquetRowSource.isParquet(file)).isTrue();
        try (RowSource source = ParquetRowSource.open(file, ALL_NAMES)) {
            assertThat(source.columns()).containsExactlyElementsOf(ALL_NAMES);
            assertThat(source.file()).isEqualTo(file);
        }
        assertThat(readAll(file, ALL_NAMES)).containsExactly(
                List.of("a", "1", "2", "0.5", "0.1", "1"),
                List.of("", "", "", "", "", ""),
                List.of("ü€ 東京", "-7", "-9223372036854775808", "1.0E-7", "3.0", "0"),
                List.of("", "2147483647", "42", "-0.0", "-2.5E10", ""));
    }

    @Test
    void readsLogicalTypesOfOtherWriters() throws IOException {
        Path file = dir.resolve("logical.parquet");
        String schema = """
                message m {
                  optional int32 day (DATE);
                  optional int32 price (DECIMAL(9,2));
                  optional int64 amount (DECIMAL(18,3));
                  optional fixed_len_byte_array(9) big (DECIMAL(20,4));
                  optional fixed_len_byte_array(16) id (UUID);
                  optional int32 count (INTEGER(32,false));
                  optional int64 at (TIMESTAMP(MILLIS,true));
                  optional binary kind (ENUM);
                  optional binary doc (JSON);
                  required binary raw;
                }""";
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        byte[] uuidBytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
        byte[] big = new byte[9];
        big[8] = (byte) 0x85; // -123 unscaled in two's complement over 9 bytes
        Arrays.fill(big, 0, 8, (byte) 0xFF);
        writeGroups(file, schema, CompressionCodecName.GZIP, true, 1000, (factory, writer) -> {
            Group g = factory.newGroup();
            g.add("day", 19107);
            g.add("price", 1250);
            g.add("amount", -5L);
            g.add("big", Binary.fromConstantByteArray(big));
            g.add("id", Binary.fromConstantByteArray(uuidBytes));
            g.add("count", -1);
            g.add("at", 1651363200123L);
            g.add("kind", "LIKE");
            g.add("doc", "{\"a\":1}");
            g.add("raw", "plain");
            writer.write(g);
        });
        List<String> names = List.of("day", "price", "amount", "big", "id", "count", "at", "kind", "doc", "raw");
        assertThat(readAll(file, names)).containsExactly(List.of("2022-04-25", "12.50", "-0.005", "-0.0123",
                uuid.toString(), "4294967295", "1651363200123", "LIKE", "{\"a\":1}", "plain"));
    }

    @Test
    void streamsRowGroupsAndNamesRowGroupAndRowInErrors() throws IOException {
        Path file = writeNumbered("groups.parquet", 25, CompressionCodecName.SNAPPY, 10);
        try (ParquetFileReader reader = footer(file)) {
            assertThat(reader.getRowGroups()).extracting(BlockMetaData::getRowCount).containsExactly(10L, 10L, 5L);
        }
        assertThat(readAll(file, ALL_NAMES)).hasSize(25).extracting(row -> row.get(0))
                .containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(n -> "row-" + n).toList());
        try (RowSource source = ParquetRowSource.open(file, ALL_NAMES)) {
            for (int n = 0; n < 17; n++) {
                assertThat(source.next()).isTrue();
            }
            assertThat(source.cell(1)).isEqualTo("16");
            assertThat(source.cell(2)).isEqualTo("1000000000016");
            assertThat(source.cell(3)).isEqualTo("24.0");
            assertThat(source.cell(4)).isEqualTo("4.0");
            DataException e = source.error("d", "must be positive");
            assertThat(e.getMessage()).isEqualTo(file + ": row group 2, row 7: column 'd': must be positive");
            assertThat(e.position()).isEqualTo("row group 2, row 7");
            assertThat(e.column()).isEqualTo("d");
        }
    }

    @Test
    void readsOnlyWantedColumnsAndNeverDecodesTheOthers() throws IOException {
        Path file = writeNumbered("projection.parquet", 30, CompressionCodecName.SNAPPY, 10);
        ColumnChunkMetaData s = chunk(file, 2, "s");
        flip(file, s.getStartingPos() + s.getTotalSize() - 2, 1);
        List<List<String>> rows = readAll(file, List.of("l", "b", "not_in_file"));
        assertThat(rows).hasSize(30);
        assertThat(rows.get(12)).containsExactly("", "", "1000000000012", "", "", "1");
        try (RowSource source = ParquetRowSource.open(file, Set.of("l"))) {
            assertThat(source.columns()).containsExactlyElementsOf(ALL_NAMES);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD"})
    void readsEveryCodec(CompressionCodecName codec) throws IOException {
        Path file = writeNumbered(codec + ".parquet", 2_000, codec, 700);
        assertThat(chunk(file, 1, "s").getCodec()).isEqualTo(codec);
        List<List<String>> rows = readAll(file, ALL_NAMES);
        assertThat(rows).hasSize(2_000);
        assertThat(rows.get(1_999)).containsExactly("row-1999", "1999", "1000000001999", "2998.5", "499.75", "0");
    }

    @Test
    void aCorruptPageNamesFileRowGroupAndColumnChunk() throws IOException {
        Path file = writeNumbered("corrupt.parquet", 30, CompressionCodecName.SNAPPY, 10);
        ColumnChunkMetaData d = chunk(file, 2, "d");
        flip(file, d.getStartingPos() + d.getTotalSize() - 2, 1);
        try (RowSource source = ParquetRowSource.open(file, ALL_NAMES)) {
            for (int n = 0; n < 10; n++) {
                assertThat(source.next()).isTrue();
            }
            assertThatThrownBy(source::next).isInstanceOfSatisfying(DataException.class, e -> {
                assertThat(e.getMessage()).startsWith(file + ": row group 2: column 'd': cannot decode: ").contains("checksum");
                assertThat(e.position()).isEqualTo("row group 2");
                assertThat(e.column()).isEqualTo("d");
            });
        }
    }

    /** Without page checksums the damage shows when the page is decompressed, at the row that needs it. */
    @ParameterizedTest
    @EnumSource(names = {"SNAPPY", "GZIP", "ZSTD"})
    void aCorruptPageWithoutChecksumNamesTheRow(CompressionCodecName codec) throws IOException {
        Path file = dir.resolve("unchecked.parquet");
        writeGroups(file, "message m { optional int64 n; optional binary s (STRING); }", codec, false, 10, (factory, writer) -> {
            for (int n = 0; n < 30; n++) {
                writer.write(factory.newGroup().append("n", (long) n).append("s", "value " + n));
            }
        });
        // The second data page of 's' holds rows 11-20: break the start of its compressed bytes.
        ColumnChunkMetaData s = chunk(file, 1, "s");
        byte[] bytes = Files.readAllBytes(file);
        int page = (int) s.getFirstDataPageOffset();
        page = pageEnd(bytes, page);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, page, bytes.length - page);
        PageHeader second = Util.readPageHeader(in);
        assertThat(second.getType()).isEqualTo(PageType.DATA_PAGE);
        flip(file, bytes.length - in.available(), 4);
        try (RowSource source = ParquetRowSource.open(file, List.of("n", "s"))) {
            for (int n = 0; n < 10; n++) {
                assertThat(source.next()).isTrue();
            }
            assertThatThrownBy(source::next).isInstanceOfSatisfying(DataException.class, e -> {
                assertThat(e.getMessage()).startsWith(file + ": row group 1, row 11: column 's': cannot decode: ");
                assertThat(e.position()).isEqualTo("row group 1, row 11");
            });
        }
    }

    /** Where the page starting at {@code offset} ends (its header plus its compressed bytes). */
    private static int pageEnd(byte[] bytes, int offset) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, offset, bytes.length - offset);
        PageHeader header = Util.readPageHeader(in);
        return bytes.length - in.available() + header.getCompressed_page_size();
    }

    @Test
    void aTruncatedFileIsNotReadable() throws IOException {
        Path file = writeNumbered("truncated.parquet", 100, CompressionCodecName.SNAPPY, 100);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(ParquetRowSource.isParquet(file)).isTrue();
        assertThatThrownBy(() -> RowSource.open(file, ',', ALL_NAMES)).isInstanceOf(DataException.class)
                .hasMessage(file + ": not a readable Parquet file: it does not end with PAR1 (truncated, or still being written)");
    }

    @Test
    void aFileThatIsNotParquetIsNotReadable() throws IOException {
        Path csv = dir.resolve("log.csv");
        Files.writeString(csv, "a,b\n1,2\n3,4\n");
        assertThatThrownBy(() -> ParquetRowSource.open(csv, List.of("a"))).isInstanceOf(DataException.class)
                .hasMessage(csv + ": not a readable Parquet file: it does not start with PAR1");
        Path fake = dir.resolve("fake.parquet");
        Files.writeString(fake, "PAR1 and a footer that is not one PAR1");
        assertThatThrownBy(() -> ParquetRowSource.open(fake, List.of("a"))).isInstanceOf(DataException.class)
                .hasMessageStartingWith(fake + ": not a readable Parquet file: ");
        Files.writeString(fake, "PAR1");
        assertThatThrownBy(() -> ParquetRowSource.open(fake, List.of("a"))).isInstanceOf(DataException.class)
                .hasMessage(fake + ": not a readable Parquet file: too short (4 bytes)");
        assertThatThrownBy(() -> ParquetRowSource.open(dir.resolve("missing.parquet"), List.of("a")))
                .isInstanceOf(DataException.class).hasMessageEndingWith("missing.parquet: file not found");
    }

    @Test
    void recognisesParquetByItsMagicBytes() throws IOException {
        Path parquet = writeNumbered("magic.parquet", 1, CompressionCodecName.SNAPPY, 10);
        Path csv = dir.resolve("log.parquet.csv");
        Files.writeString(csv, "a\n1\n");
        Path empty = Files.createFile(dir.resolve("empty"));
        assertThat(ParquetRowSource.isParquet(parquet)).isTrue();
        assertThat(ParquetRowSource.isParquet(csv)).isFalse();
        assertThat(ParquetRowSource.isParquet(empty)).isFalse();
        assertThat(ParquetRowSource.isParquet(dir)).isFalse();
        assertThat(ParquetRowSource.isParquet(dir.resolve("missing"))).isFalse();
    }

    @Test
    void rowSourceOpenDispatchesOnContent() throws IOException {
        Path parquet = writeNumbered("log.csv", 3, CompressionCodecName.ZSTD, 10);
        Path csv = dir.resolve("log.parquet");
        Files.writeString(csv, "s,i\nx,1\n");
        try (RowSource source = RowSource.open(parquet, ',', List.of("s"))) {
            assertThat(source).isInstanceOf(ParquetRowSource.class);
            assertThat(source.next()).isTrue();
            assertThat(source.cell(0)).isEqualTo("row-0");
        }
        try (RowSource source = RowSource.open(csv, ',', List.of("s"))) {
            assertThat(source).isInstanceOf(CsvRowSource.class);
            assertThat(source.columns()).containsExactly("s", "i");
        }
    }

    @Test
    void nestedAndUntypedColumnsAreErrorsOnlyWhenWanted() throws IOException {
        Path file = dir.resolve("nested.parquet");
        String schema = "message m { optional int64 id; repeated int32 tags; optional group g { optional int32 x; } optional int96 ts; }";
        writeGroups(file, schema, CompressionCodecName.SNAPPY, true, 1000, (factory, writer) -> {
            Group row = factory.newGroup().append("id", 7L).append("tags", 1).append("tags", 2);
            row.addGroup("g").append("x", 3);
            row.add("ts", Binary.fromConstantByteArray(new byte[12]));
            writer.write(row);
        });
        assertThat(readAll(file, List.of("id"))).containsExactly(List.of("7", "", "", ""));
        for (String nested : List.of("tags", "g")) {
            assertThatThrownBy(() -> ParquetRowSource.open(file, List.of("id", nested))).isInstanceOf(DataException.class)
                    .hasMessage(file + ": column '" + nested + "': nested columns are not supported");
        }
        assertThatThrownBy(() -> ParquetRowSource.open(file, List.of("ts"))).isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ": column 'ts': Parquet type 'optional int96 ts' has no text form");
    }

    @Test
    void anUnsupportedCodecIsAnErrorBeforeAnyRow() throws IOException {
        Path file = dir.resolve("lz4.parquet");
        // Pages stored as they are but labelled LZ4_RAW, as a writer with that codec would label them.
        CompressionCodecFactory.BytesInputCompressor lz4 = new CompressionCodecFactory.BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) {
                return bytes;
            }

            @Override
            public CompressionCodecName getCodecName() {
                return CompressionCodecName.LZ4_RAW;
            }

            @Override
            public void release() {
            }
        };
        var schema = MessageTypeParser.parseMessageType("message m { optional int64 n; }");
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration()).withType(schema).withCompressionCodec(CompressionCodecName.LZ4_RAW)
                .withCodecFactory(new CompressionCodecFactory() {
                    @Override
                    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
                        return lz4;
                    }

                    @Override
                    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public void release() {
                    }
                }).build()) {
            writer.write(new SimpleGroupFactory(schema).newGroup().append("n", 1L));
        }
        assertThatThrownBy(() -> ParquetRowSource.open(file, List.of("n"))).isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ": column 'n': compressed with LZ4_RAW; kaml reads");
    }

    @Test
    void readsTheKuaiRandLogEndToEnd() {
        Assumptions.assumeTrue(Files.isReadable(KUAIRAND), KUAIRAND + " absent: skipped");
        List<String> columns;
        try (RowSource source = ParquetRowSource.open(KUAIRAND, List.of())) {
            columns = source.columns();
        }
        assertThat(columns).contains("date", "user_id");
        long rows = 0;
        long length = 0;
        String firstDate = null;
        try (RowSource source = ParquetRowSource.open(KUAIRAND, columns)) {
            int date = source.require("date", "the test");
            while (source.next()) {
                if (rows++ == 0) {
                    firstDate = source.cell(date);
                }
                for (int c = 0; c < columns.size(); c++) {
                    length += source.cell(c).length();
                }
            }
        }
        assertThat(rows).isEqualTo(94_784);
        assertThat(firstDate).startsWith("202204");
        assertThat(length).isPositive();
    }

    @FunctionalInterface
    private interface Rows {
        void write(SimpleGroupFactory factory, ParquetWriter<Group> writer) throws IOException;
    }

    /** A file written with Parquet's own API, for what {@link ParquetLogWriter} does not write. */
    private static void writeGroups(Path file, String schemaText, CompressionCodecName codec, boolean checksums, int pageRows, Rows rows)
            throws IOException {
        var schema = MessageTypeParser.parseMessageType(schemaText);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withType(schema)
                .withCompressionCodec(codec)
                .withPageWriteChecksumEnabled(checksums)
                .withPageRowCountLimit(pageRows)
                .withMinRowCountForPageSizeCheck(1)
                .build()) {
            rows.write(new SimpleGroupFactory(schema), writer);
        }
    }
}
