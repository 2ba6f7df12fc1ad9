package io.kaml.nn;

/**
 * Brings rows of a large table into the cache before they are used. Rows picked at random from a table far
 * larger than the caches nearly all miss; a loop that finishes one row (a copy, an optimiser update) before it
 * looks up the next lets few of those misses overlap. Reading one float of each of a block of rows' cache lines
 * first issues loads that do not depend on one another, so their misses overlap, and the work that follows hits
 * the cache. The caller adds up what {@link #touch} returns and stores the sum in a field, so that the compiler
 * cannot drop the loads; writing the floats somewhere instead filled the store queue with stores waiting on the
 * misses and was no faster.
 */
public final class CacheLines {
    /** Floats per 64-byte cache line. */
    private static final int FLOATS = 16;

    private CacheLines() {
    }

    /**
     * Reads one float of every cache line that {@code array[from, from + length)} spans, and its last float (a row
     * of 16 floats straddles two lines, as an array's elements start 16 bytes into it).
     *
     * @return the sum of the floats read, to be kept by the caller
     */
    public static float touch(float[] array, int from, int length) {
        float sum = 0f;
        for (int i = 0; i < length; i += FLOATS) {
            sum += array[from + i];
        }
        return sum + array[from + length - 1];
    }
}
