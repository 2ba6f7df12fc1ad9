package io.kaml.sim;

/**
 * Formats doubles with a fixed number of decimals, without the locale lookups and scientific
 * notation of {@code String.format} and {@code Double.toString}: probabilities like 3e-5 come out as
 * {@code 0.00003000}, which every CSV reader parses the same way.
 */
final class FixedPoint {
    private static final long[] SCALE = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private FixedPoint() {
    }

    /** {@code value} rounded half away from zero to {@code places} decimals (0..8); |value| must stay below 9e10. */
    static String format(double value, int places) {
        long scale = SCALE[places];
        long scaled = Math.round(Math.abs(value) * scale);
        StringBuilder text = new StringBuilder(24);
        if (value < 0 && scaled != 0) {
            text.append('-');
        }
        text.append(scaled / scale);
        if (places > 0) {
            text.append('.');
            String fraction = Long.toString(scaled % scale);
            text.repeat('0', places - fraction.length()).append(fraction);
        }
        return text.toString();
    }
}
