package io.kaml.data;

/**
 * The data contract's rule for a numerical value: empty is missing (NaN), anything else must be a finite
 * number within the float range, because values are kept as float and one beyond its range would become
 * infinite and the loss NaN later. One rule for every reader (CSV text, Parquet and Spark numbers) and for
 * the serving path, so a value accepted in training is accepted at serving and vice versa.
 */
public final class CellNumbers {
    private CellNumbers() {
    }

    /**
     * A numerical cell as the data contract reads it: empty is missing (NaN), anything else must be a
     * finite number within the float range.
     *
     * @throws NumberFormatException naming the value when it is not a finite number
     */
    public static double parseNumber(String cell) {
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        double x;
        try {
            x = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            x = Double.NaN;
        }
        return check(x, cell);
    }

    /** A number a file stored as such, checked as {@link #parseNumber} checks a cell; NaN (a missing value) passes. */
    public static double checkNumber(double x) {
        return Double.isNaN(x) ? x : check(x, Double.toString(x));
    }

    private static double check(double x, String cell) {
        if (!Double.isFinite(x)) {
            throw new NumberFormatException("not a finite number: '" + cell + "'");
        }
        // Values are kept as float: beyond its range they would become infinite and the loss NaN later.
        if (Math.abs(x) > Float.MAX_VALUE) {
            throw new NumberFormatException("beyond the float range (±3.4e38): '" + cell + "'");
        }
        return x;
    }
}
