package io.kaml.data;

import java.nio.file.Path;

/**
 * Bad input data: names the file, the 1-based line (0 when the problem is not tied to a line) and
 * the column, so a user can open the file at the right place.
 */
public final class DataException extends RuntimeException {
    // Transient: a Path is not serializable, and Spark ships a task's exception to the driver; the message keeps the file.
    private final transient Path file;
    private final long line;
    private final String position;
    private final String column;
    private final String reason;
    private boolean badRow;

    public DataException(Path file, long line, String column, String reason) {
        super(format(file, line > 0 ? String.valueOf(line) : null, column, reason));
        this.file = file;
        this.line = line;
        this.position = null;
        this.column = column;
        this.reason = reason;
    }

    /**
     * An error at a position that is not a text line, e.g. {@code "row group 2, row 17"} in a Parquet
     * file: the message reads {@code file: row group 2, row 17: column 'c': reason}.
     */
    public DataException(Path file, String position, String column, String reason) {
        super(format(file, position == null ? null : " " + position, column, reason));
        this.file = file;
        this.line = 0;
        this.position = position;
        this.column = column;
        this.reason = reason;
    }

    public DataException(Path file, String reason, Throwable cause) {
        super(format(file, null, null, reason), cause);
        this.file = file;
        this.line = 0;
        this.position = null;
        this.column = null;
        this.reason = reason;
    }

    /**
     * The one line the CLI prints. Parts can carry line breaks from the data or a library (a column name
     * with a quoted newline, a YAML parser's caret diagram, a Parquet schema dump): they are written as
     * {@code \n} so the message stays one line and still shows what was there.
     *
     * @param where a line number, or a leading-space position such as {@code " row group 2, row 17"}, or null
     */
    private static String format(Path file, String where, String column, String reason) {
        StringBuilder text = new StringBuilder(String.valueOf(file));
        if (where != null) {
            text.append(':').append(where);
        }
        if (column != null) {
            text.append(": column '").append(column).append('\'');
        }
        return text.append(": ").append(reason).toString().replace("\r", "\\r").replace("\n", "\\n");
    }

    public Path file() {
        return file;
    }

    /** 1-based line in the file, 0 when the error concerns the whole file. */
    public long line() {
        return line;
    }

    /** The position in a file without text lines (e.g. {@code "row group 2, row 17"}), or null. */
    public String position() {
        return position;
    }

    /** The column's header name, or null. */
    public String column() {
        return column;
    }

    /** The problem without the location. */
    public String reason() {
        return reason;
    }

    /**
     * Whether this is a row that {@link BadRowPolicy#SKIP} would have left out, so the user can be told
     * that option exists; false for problems of a spec, a file or its header, which no policy skips.
     */
    public boolean isBadRow() {
        return badRow;
    }

    /** Marks this as a bad row (see {@link #isBadRow()}); returns it, for {@code throw e.markBadRow()}. */
    DataException markBadRow() {
        badRow = true;
        return this;
    }
}
