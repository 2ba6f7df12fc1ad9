package io.kaml.data;

import java.nio.file.Path;

/**
 * Bad input data: names the file, the 1-based line (0 when the problem is not tied to a line) and
 * the column, so a user can open the file at the right place.
 */
public final class DataException extends RuntimeException {
    private final Path file;
    private final long line;
    private final String column;
    private final String reason;

    public DataException(Path file, long line, String column, String reason) {
        super(format(file, line, column, reason));
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public DataException(Path file, String reason, Throwable cause) {
        super(format(file, 0, null, reason), cause);
        this.file = file;
        this.line = 0;
        this.column = null;
        this.reason = reason;
    }

    private static String format(Path file, long line, String column, String reason) {
        StringBuilder text = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            text.append(':').append(line);
        }
        if (column != null) {
            text.append(": column '").append(column).append('\'');
        }
        return text.append(": ").append(reason).toString();
    }

    public Path file() {
        return file;
    }

    /** 1-based line in the file, 0 when the error concerns the whole file. */
    public long line() {
        return line;
    }

    /** The column's header name, or null. */
    public String column() {
        return column;
    }

    /** The problem without the location. */
    public String reason() {
        return reason;
    }
}
