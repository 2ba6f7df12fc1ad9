package io.kaml.data;

/** What the data fuzz targets require of a refusal besides its type. */
final class FuzzContract {
    private FuzzContract() {
    }

    /** The CLI prints a {@link DataException}'s message as its one-line error: a line break in it is a finding. */
    static void requireOneLine(DataException e) {
        if (e.getMessage().contains("\n") || e.getMessage().contains("\r")) {
            throw new AssertionError("a DataException's message spans lines: " + e.getMessage(), e);
        }
    }
}
