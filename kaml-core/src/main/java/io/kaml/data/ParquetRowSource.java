package io.kaml.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.VersionParser;
import org.apache.parquet.VersionParser.ParsedVersion;
import org.apache.parquet.VersionParser.VersionParseException;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * A local Parquet file as a {@link RowSource}, read row group by row group and only for the wanted
 * columns: memory holds one row group's compressed pages of those columns, decoded a page at a time.
 * Each row's values go straight from the column readers into cell text (see {@link ParquetCellConverter}).
 *
 * <p>Cell text by type: INT32/INT64 (signed or unsigned INT annotations) as decimal integers, BOOLEAN as
 * {@code 1}/{@code 0}, DOUBLE as {@link Double#toString}, FLOAT through its own shortest text (0.1f reads
 * {@code 0.1}), BYTE_ARRAY/FIXED_LEN_BYTE_ARRAY that are strings, enums, JSON or unannotated as UTF-8
 * text, DATE as ISO {@code yyyy-MM-dd}, DECIMAL as plain decimal text ({@code 12.50}), UUID in its
 * canonical form, and TIMESTAMP and TIME as the raw integer count of their unit; a null is {@code ""}.
 * A wanted column that is nested (a group or repeated) or of a type without a text form (INT96,
 * INTERVAL, BSON, FLOAT16, ...) is an error naming the column; unwanted ones are never looked at.
 * Pages may be uncompressed, SNAPPY, GZIP or ZSTD ({@link ParquetCodecs}); page checksums are verified
 * where the writer stored them.
 *
 * <p>Positions are 1-based: {@code log.parquet: row group 2, row 17: column 'price': …} is the 17th row
 * of the second row group. A page that cannot be decoded names its row group and column chunk, and the
 * row when the failure happens while reading rows.
 */
public final class ParquetRowSource implements RowSource {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    private final Path file;
    private final ParquetFileReader reader;
    private final ParquetProjection projection;
    private final ParsedVersion writerVersion;
    private final ColumnReader[] readers;
    /** By column index: the converter of a FLOAT or DOUBLE column, whose cells may be pending. */
    private final ParquetCellConverter.Real[] real;
    private PageReadStore pages;
    private int rowGroup;
    private long rowsInGroup;
    private long row;

    private ParquetRowSource(Path file, ParquetFileReader reader, Collection<String> wanted) {
        this.file = file;
        this.reader = reader;
        this.projection = ParquetProjection.of(file, reader.getFooter(), wanted);
        reader.setRequestedSchema(projection.schema);
        this.writerVersion = writerVersion(reader.getFooter().getFileMetaData().getCreatedBy());
        this.readers = new ColumnReader[projection.wanted.length];
        this.real = new ParquetCellConverter.Real[projection.columns.size()];
        for (ParquetCellConverter converter : projection.converters) {
            if (converter instanceof ParquetCellConverter.Real r) {
                real[r.slot()] = r;
            }
        }
    }

    /** True when {@code file} starts with Parquet's magic bytes; false when it does not or cannot be read. */
    public static boolean isParquet(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens {@code file} reading only the columns named in {@code wanted} (names not in the file are
     * ignored: the caller checks {@link #columns()}); a missing, unreadable or unsupported file is a
     * {@link DataException} naming it.
     */
    public static ParquetRowSource open(Path file, Collection<String> wanted) {
        if (!Files.exists(file)) {
            throw new DataException(file, 0, null, "file not found");
        }
        ParquetFileReader reader;
        try {
            ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                    .withCodecFactory(ParquetCodecs.INSTANCE)
                    .withPageChecksumVerification(true)
                    .build();
            reader = ParquetFileReader.open(new LocalInputFile(file), options);
        } catch (IOException | RuntimeException e) {
            String framing = framingProblem(file);
            throw new DataException(file, "not a readable Parquet file: " + (framing != null ? framing : describe(e)), e);
        }
        try {
            return new ParquetRowSource(file, reader, wanted);
        } catch (RuntimeException e) {
            try {
                reader.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * What is wrong with the start and end markers of a file Parquet could not open (a Parquet file
     * starts and ends with {@code PAR1}), or null; said here because parquet-mr's message names a
     * stream object instead of the file.
     */
    private static String framingProblem(Path file) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < 3 * MAGIC.length) {
                return "too short (" + in.length() + " bytes)";
            }
            byte[] head = new byte[MAGIC.length];
            byte[] tail = new byte[MAGIC.length];
            in.readFully(head);
            in.seek(in.length() - MAGIC.length);
            in.readFully(tail);
            return !Arrays.equals(head, MAGIC) ? "it does not start with PAR1"
                    : !Arrays.equals(tail, MAGIC) ? "it does not end with PAR1 (truncated, or still being written)" : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The writer's version enables Parquet's workarounds for old writers' bugs; an unknown writer gets none. */
    private static ParsedVersion writerVersion(String createdBy) {
        try {
            return VersionParser.parse(createdBy);
        } catch (VersionParseException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public List<String> columns() {
        return projection.columns;
    }

    @Override
    public boolean next() {
        while (row == rowsInGroup) {
            if (!nextRowGroup()) {
                return false;
            }
        }
        // A new row group's readers already stand on its first row; later rows advance them first, so a
        // page that fails to decode is reported at the row that needed it.
        boolean advance = row > 0;
        row++;
        ColumnDescriptor[] wanted = projection.wanted;
        for (int k = 0; k < readers.length; k++) {
            ColumnReader column = readers[k];
            try {
                if (advance) {
                    column.consume();
                }
                if (column.getCurrentDefinitionLevel() == wanted[k].getMaxDefinitionLevel()) {
                    column.writeCurrentValueToConverter();
                } else {
                    projection.converters[k].setNull();
                }
            } catch (RuntimeException e) {
                throw new DataException(file, position(), name(wanted[k]), "cannot decode: " + describe(e));
            }
        }
        return true;
    }

    private boolean nextRowGroup() {
        releasePages();
        try {
            pages = reader.readNextRowGroup();
        } catch (IOException | RuntimeException e) {
            throw chunkError(e);
        }
        if (pages == null) {
            return false;
        }
        rowGroup = reader.getCurrentRowGroupIndex() + 1;
        rowsInGroup = pages.getRowCount();
        row = 0;
        for (int k = 0; k < readers.length; k++) {
            ColumnDescriptor column = projection.wanted[k];
            try {
                readers[k] = new ColumnReaderImpl(column, pages.getPageReader(column), projection.converters[k], writerVersion);
            } catch (RuntimeException e) {
                throw new DataException(file, "row group " + rowGroup, name(column), "cannot decode: " + describe(e));
            }
        }
        return true;
    }

    /**
     * A row group failed to load. Its wanted column chunks are read in one go, so to name the broken
     * one each is read again on its own; the source is unusable afterwards either way.
     */
    private DataException chunkError(Exception e) {
        int block = reader.getCurrentRowGroupIndex() + 1;
        String position = "row group " + (block + 1);
        for (ColumnDescriptor column : projection.wanted) {
            reader.setRequestedSchema(List.of(column));
            try {
                reader.readRowGroup(block).close();
            } catch (IOException | RuntimeException again) {
                return new DataException(file, position, name(column), "cannot decode: " + describe(e));
            }
        }
        return new DataException(file, position, null, "cannot read: " + describe(e));
    }

    @Override
    public String cell(int column) {
        String cell = projection.cells[column];
        if (cell == ParquetCellConverter.PENDING) {
            cell = projection.cells[column] = real[column].pendingText();
        }
        return cell;
    }

    /** A FLOAT or DOUBLE column's value as it is, without the round trip through text. */
    @Override
    public double number(int column) {
        if (projection.cells[column] == ParquetCellConverter.PENDING) {
            return CellNumbers.checkNumber(real[column].value());
        }
        return RowSource.super.number(column);
    }

    @Override
    public DataException error(String column, String reason) {
        return new DataException(file, position(), column, reason);
    }

    private String position() {
        return "row group " + rowGroup + ", row " + row;
    }

    private static String name(ColumnDescriptor column) {
        return String.join(".", column.getPath());
    }

    /** The innermost cause's message: Parquet wraps the useful part (e.g. a checksum or codec failure) in generic ones. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private void releasePages() {
        if (pages != null) {
            pages.close();
            pages = null;
        }
    }

    @Override
    public void close() {
        releasePages();
        try {
            reader.close();
        } catch (IOException e) {
            throw new DataException(file, "cannot close: " + e.getMessage(), e);
        }
    }
}
