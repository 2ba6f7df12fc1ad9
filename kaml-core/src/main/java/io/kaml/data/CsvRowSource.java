package io.kaml.data;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV/TSV file (plain or gzip, recognised by content) with a header row, as a {@link RowSource}.
 * Positions are 1-based text lines, so errors read {@code train.csv.gz:5: column 'y_payment': …}.
 */
public final class CsvRowSource implements RowSource {
    /**
     * FastCSV's comment character, for its readers and writers of kaml's files. Those files have no
     * comment lines, but FastCSV refuses a separator equal to its comment character, and its default
     * {@code '#'} is a separator a spec may declare; U+0000 is one no spec may declare.
     */
    static final char NO_COMMENTS = '\0';

    private final Path file;
    private final CsvReader<CsvRecord> csv;
    private final CloseableIterator<CsvRecord> records;
    private final List<String> columns;
    private CsvRecord row;

    private CsvRowSource(Path file, char separator) throws IOException {
        this.file = file;
        this.csv = CsvReader.builder()
                .fieldSeparator(separator)
                .commentCharacter(NO_COMMENTS)
                .ignoreDifferentFieldCount(true)
                .skipEmptyLines(true)
                .ofCsvRecord(withoutByteOrderMark(new InputStreamReader(LogFileInput.open(file), StandardCharsets.UTF_8)));
        this.records = csv.iterator();
        if (!advance()) {
            csv.close();
            throw new DataException(file, 0, null, "empty file: expected a header row");
        }
        this.columns = records.next().getFields().stream().map(String::trim).toList();
    }

    /**
     * The text without a leading byte order mark, as Excel's "CSV UTF-8" writes one: FastCSV's own BOM
     * detection works only on files it opens itself, and here it gets a reader (the file may be gzip).
     */
    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader in = new PushbackReader(new BufferedReader(reader, 1 << 16), 1);
        int first = in.read();
        if (first != -1 && first != '\uFEFF') {
            in.unread(first);
        }
        return in;
    }

    /** Opens {@code file}; a missing or unreadable file is a {@link DataException} naming it. */
    public static CsvRowSource open(Path file, char separator) {
        try {
            return new CsvRowSource(file, separator);
        } catch (NoSuchFileException e) {
            throw new DataException(file, "file not found", e);
        } catch (IOException e) {
            throw new DataException(file, "cannot read: " + LogFileInput.describe(e), e);
        } catch (UncheckedIOException e) {
            throw new DataException(file, "cannot read: " + LogFileInput.describe(e.getCause()), e);
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        if (!advance()) {
            row = null;
            return false;
        }
        row = records.next();
        return true;
    }

    /** Advances FastCSV's iterator, turning its parse and I/O failures into errors that name the file. */
    private boolean advance() {
        try {
            return records.hasNext();
        } catch (CsvParseException e) {
            // FastCSV's message names the record's line; its cause says what was wrong (e.g. a field too large).
            String cause = e.getCause() == null || e.getCause().getMessage() == null ? "" : ": " + e.getCause().getMessage();
            throw new DataException(file, 0, null, "malformed CSV: " + e.getMessage() + cause);
        } catch (UncheckedIOException e) {
            throw new DataException(file, "cannot read: " + LogFileInput.describe(e.getCause()), e);
        }
    }

    @Override
    public void checkRow() {
        if (row.getFieldCount() != columns.size()) {
            throw error(null, "expected " + columns.size() + " fields (as in the header), got " + row.getFieldCount());
        }
    }

    @Override
    public String cell(int column) {
        return row.getField(column);
    }

    /** The current row's 1-based starting line. */
    public long line() {
        return row.getStartingLineNumber();
    }

    /** Every field of the current row, for writers that copy rows through. */
    public List<String> fields() {
        return row.getFields();
    }

    @Override
    public DataException error(String column, String reason) {
        return new DataException(file, line(), column, reason);
    }

    /** The header is line 1. */
    @Override
    public DataException schemaError(String column, String reason) {
        return new DataException(file, 1, column, reason);
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new DataException(file, "cannot close: " + e.getMessage(), e);
        }
    }
}
