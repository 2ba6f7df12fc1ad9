package io.kaml.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The part of a Parquet file that {@link ParquetRowSource} reads: the wanted columns present in the file,
 * each checked to be flat, of a type with a text form and compressed with a codec kaml has, and each with
 * the converter that writes its values into the current row's cells. Checking here, from the footer, makes
 * an unreadable column an error before the first row rather than in the middle of the file.
 */
final class ParquetProjection {
    /** Every top-level column of the file, in schema order. */
    final List<String> columns;
    /** The current row's cells by index into {@link #columns}; unwanted columns stay {@code ""}. */
    final String[] cells;
    /** The schema of the wanted columns, for {@code ParquetFileReader.setRequestedSchema}. */
    final MessageType schema;
    /** The wanted columns in file order, and the converter of each. */
    final ColumnDescriptor[] wanted;
    final ParquetCellConverter[] converters;

    private ParquetProjection(List<String> columns, String[] cells, MessageType schema, List<ParquetCellConverter> converters) {
        this.columns = columns;
        this.cells = cells;
        this.schema = schema;
        this.wanted = schema.getColumns().toArray(ColumnDescriptor[]::new);
        this.converters = converters.toArray(ParquetCellConverter[]::new);
    }

    /**
     * The columns of {@code footer} named in {@code wantedNames} (names the file lacks are left out);
     * a wanted column kaml cannot read is a {@link DataException} naming {@code file} and the column.
     */
    static ParquetProjection of(Path file, ParquetMetadata footer, Collection<String> wantedNames) {
        MessageType fileSchema = footer.getFileMetaData().getSchema();
        List<String> columns = fileSchema.getFields().stream().map(Type::getName).toList();
        String[] cells = new String[columns.size()];
        Arrays.fill(cells, "");
        Set<String> names = new HashSet<>(wantedNames);
        List<Type> fields = new ArrayList<>();
        List<ParquetCellConverter> converters = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Type field = fileSchema.getType(i);
            if (!names.contains(field.getName())) {
                continue;
            }
            if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
                throw new DataException(file, 0, field.getName(), "nested columns are not supported");
            }
            ParquetCellConverter converter = ParquetCellConverter.forType(field.asPrimitiveType(), cells, i);
            if (converter == null) {
                throw new DataException(file, 0, field.getName(), "Parquet type '" + field + "' has no text form kaml can read");
            }
            fields.add(field);
            converters.add(converter);
        }
        MessageType schema = new MessageType(fileSchema.getName(), fields);
        checkCodecs(file, footer.getBlocks(), schema);
        return new ParquetProjection(columns, cells, schema, converters);
    }

    private static void checkCodecs(Path file, List<BlockMetaData> rowGroups, MessageType schema) {
        for (BlockMetaData rowGroup : rowGroups) {
            for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
                if (schema.containsPath(chunk.getPath().toArray()) && !ParquetCodecs.SUPPORTED.contains(chunk.getCodec())) {
                    throw new DataException(file, 0, chunk.getPath().toDotString(), "compressed with " + chunk.getCodec()
                            + "; kaml reads Parquet pages that are uncompressed or compressed with SNAPPY, GZIP or ZSTD");
                }
            }
        }
    }
}
