package io.kaml.data;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How the day column is written ({@code day_format} in dataset.yaml). Days become int day numbers:
 * an integer day as it is, a date as its epoch day (days since 1970-01-01), so that ADM's window of
 * {@code T} days ending at {@code d} is plain subtraction across month ends either way.
 */
public enum DayFormat {
    /** A plain integer: {@code 3}, {@code 17}. */
    INTEGER("integer"),
    /** A date as eight digits, {@code 20220425}; an integer column of that shape reads too. */
    YYYYMMDD("yyyymmdd"),
    /** An ISO date, {@code 2022-04-25} (also what a Parquet DATE column reads as). */
    ISO("iso");

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

    private final String key;

    DayFormat(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static DayFormat parseKey(String key) {
        for (DayFormat f : values()) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("expected integer, yyyymmdd or iso, got '" + key + "'");
    }

    /**
     * The day number of a cell.
     *
     * @throws IllegalArgumentException with a message that names the expected form
     */
    public int parse(String cell) {
        String v = cell.trim();
        try {
            return switch (this) {
                case INTEGER -> Integer.parseInt(v);
                case YYYYMMDD -> Math.toIntExact(LocalDate.parse(v, COMPACT).toEpochDay());
                case ISO -> Math.toIntExact(LocalDate.parse(v).toEpochDay());
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("day must be " + describe() + ", got '" + cell + "'" + hint(v));
        }
    }

    /** A day number written back in this format, for messages and reports. */
    public String format(int day) {
        return switch (this) {
            case INTEGER -> Integer.toString(day);
            case YYYYMMDD -> LocalDate.ofEpochDay(day).format(COMPACT);
            case ISO -> LocalDate.ofEpochDay(day).toString();
        };
    }

    private String describe() {
        return switch (this) {
            case INTEGER -> "an integer";
            case YYYYMMDD -> "a date written yyyymmdd";
            case ISO -> "an ISO date (yyyy-mm-dd)";
        };
    }

    /** Points at the right day_format when the value clearly has another shape. */
    private String hint(String v) {
        if (this != ISO && v.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return " (for ISO dates set day_format: iso)";
        }
        return "";
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
