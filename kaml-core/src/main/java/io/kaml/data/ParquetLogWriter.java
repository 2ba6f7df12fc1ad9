package io.kaml.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes a flat Parquet file of optional columns, row by row, for derived datasets and for tests. As
 * {@link AtomicFile} does (whose one-callback form does not fit a writer fed row by row), the rows go to
 * a hidden temporary file in the target's directory that {@link #close()} forces to disk and renames over
 * the target, so a process killed mid-write leaves no file that looks complete. A failed {@link #write}
 * or an {@link #abort()} discards the temporary file; a caller whose own work fails between writes calls
 * {@link #abort()} rather than closing, since {@link #close()} publishes.
 *
 * <p>Simplicity over speed: rows go through Parquet's example {@link Group} model. Page checksums are
 * written, so {@link ParquetRowSource} detects corrupt pages.
 */
public final class ParquetLogWriter implements Closeable {

    /** A column's type; every column is OPTIONAL, so any value may be null. */
    public enum Type { STRING, INT32, INT64, DOUBLE, FLOAT, BOOLEAN }

    public record Column(String name, Type type) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    private final Path target;
    private final Path temporary;
    private final List<Column> columns;
    private final ParquetWriter<Group> writer;
    private final SimpleGroupFactory rows;
    private boolean failed;
    private boolean finished;

    private ParquetLogWriter(Path target, Path temporary, List<Column> columns, ParquetWriter<Group> writer, MessageType schema) {
        this.target = target;
        this.temporary = temporary;
        this.columns = columns;
        this.writer = writer;
        this.rows = new SimpleGroupFactory(schema);
    }

    /** Starts {@code file} with {@code columns}: SNAPPY pages, row groups of Parquet's default size (128 MiB). */
    public static ParquetLogWriter create(Path file, List<Column> columns) throws IOException {
        return create(file, columns, CompressionCodecName.SNAPPY, Integer.MAX_VALUE);
    }

    /**
     * Starts {@code file} with {@code columns}, compressing pages with {@code codec} (UNCOMPRESSED,
     * SNAPPY, GZIP or ZSTD) and closing a row group every {@code rowGroupRows} rows.
     */
    public static ParquetLogWriter create(Path file, List<Column> columns, CompressionCodecName codec, int rowGroupRows)
            throws IOException {
        if (!ParquetCodecs.SUPPORTED.contains(codec)) {
            throw new IllegalArgumentException("unsupported compression " + codec + "; use one of " + ParquetCodecs.SUPPORTED);
        }
        if (rowGroupRows < 1) {
            throw new IllegalArgumentException("rowGroupRows must be at least 1, got " + rowGroupRows);
        }
        List<Column> copy = List.copyOf(columns);
        MessageType schema = schema(copy);
        Path temporary = AtomicFile.temporaryFor(file);
        try {
            ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(temporary))
                    .withConf(new PlainParquetConfiguration())
                    .withCodecFactory(ParquetCodecs.INSTANCE)
                    .withType(schema)
                    .withCompressionCodec(codec)
                    .withRowGroupRowCountLimit(rowGroupRows)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .build();
            return new ParquetLogWriter(file, temporary, copy, writer, schema);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    private static MessageType schema(List<Column> columns) {
        Set<String> names = new HashSet<>();
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (Column column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("duplicate column '" + column.name() + "'");
            }
            switch (column.type()) {
                case STRING -> schema.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column.name());
                case INT32 -> schema.optional(PrimitiveTypeName.INT32).named(column.name());
                case INT64 -> schema.optional(PrimitiveTypeName.INT64).named(column.name());
                case DOUBLE -> schema.optional(PrimitiveTypeName.DOUBLE).named(column.name());
                case FLOAT -> schema.optional(PrimitiveTypeName.FLOAT).named(column.name());
                case BOOLEAN -> schema.optional(PrimitiveTypeName.BOOLEAN).named(column.name());
            }
        }
        return schema.named("kaml");
    }

    /**
     * Appends a row: one value per column, in column order, null for a missing value. STRING takes a
     * String, INT32 an Integer (or Short, Byte), INT64 a Long (or Integer, Short, Byte), DOUBLE a Double
     * (or Float), FLOAT a Float and BOOLEAN a Boolean; anything else is an {@link IllegalArgumentException}
     * naming the column, after which the file will not be written.
     */
    public void write(Object... values) throws IOException {
        if (finished) {
            throw new IllegalStateException(target + ": writer already closed");
        }
        try {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("expected " + columns.size() + " values (one per column), got " + values.length);
            }
            Group row = rows.newGroup();
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    add(row, i, values[i]);
                }
            }
            writer.write(row);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private void add(Group row, int i, Object value) {
        Column column = columns.get(i);
        boolean fits = switch (column.type()) {
            case STRING -> value instanceof String;
            case INT32 -> value instanceof Integer || value instanceof Short || value instanceof Byte;
            case INT64 -> value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
            case DOUBLE -> value instanceof Double || value instanceof Float;
            case FLOAT -> value instanceof Float;
            case BOOLEAN -> value instanceof Boolean;
        };
        if (!fits) {
            throw new IllegalArgumentException("column '" + column.name() + "' is " + column.type() + ", got "
                    + value.getClass().getSimpleName() + " " + value);
        }
        switch (column.type()) {
            case STRING -> row.add(i, (String) value);
            case INT32 -> row.add(i, ((Number) value).intValue());
            case INT64 -> row.add(i, ((Number) value).longValue());
            // A float is widened as ParquetRowSource reads FLOAT columns: 0.1f stays 0.1.
            case DOUBLE -> row.add(i, value instanceof Float f ? RowSource.widen(f) : (Double) value);
            case FLOAT -> row.add(i, (Float) value);
            case BOOLEAN -> row.add(i, (Boolean) value);
        }
    }

    /** Drops everything written: the target is left as it was. */
    public void abort() throws IOException {
        finish(false);
    }

    /**
     * Completes the file and renames it over the target; after a failed {@link #write} it instead drops
     * the rows and throws, so a partial file is never published.
     */
    @Override
    public void close() throws IOException {
        finish(true);
    }

    private void finish(boolean publish) throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            writer.close();
            if (publish && failed) {
                throw new IOException(target + ": not written, a write to it failed");
            }
            if (publish) {
                AtomicFile.publish(temporary, target);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
