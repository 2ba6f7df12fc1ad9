package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link NumericalStats.Accumulator#merge}: parts of a split fitted apart (Spark partitions) combine into the whole's statistics. */
class NumericalStatsMergeTest {
    private static final float NAN = Float.NaN;
    // Three fields: field 0 everywhere, field 1 only in the second half, field 2 never.
    private static final float[][] ROWS = {
            {1, NAN, NAN}, {2, NAN, NAN}, {3, NAN, NAN},
            {4, 10, NAN}, {5, 20, NAN}, {6, 60, NAN}};

    /** Rows {@code from..to} of {@code rows} as a raw batch (numerical values only). */
    private static Batch raw(float[][] rows, int from, int to) {
        int n = to - from;
        int fields = rows[0].length;
        float[] numerical = new float[n * fields];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[from + i], 0, numerical, i * fields, fields);
        }
        return new Batch(n, 0, fields, 1, new int[0], numerical, new byte[n], new int[n], new int[n], new int[n], null);
    }

    private static NumericalStats.Accumulator fitted(Batch raw, NumericalTransform transform) {
        NumericalStats.Accumulator accumulator = new NumericalStats.Accumulator(raw.numericalFields(), transform);
        accumulator.add(raw);
        return accumulator;
    }

    private static void assertClose(NumericalStats actual, NumericalStats expected) {
        for (int f = 0; f < expected.fields(); f++) {
            assertThat(actual.mean()[f]).as("mean %d", f).isCloseTo(expected.mean()[f], within(1e-12 * Math.abs(expected.mean()[f])));
            assertThat(actual.std()[f]).as("std %d", f).isCloseTo(expected.std()[f], within(1e-12 * expected.std()[f]));
        }
    }

    @Test
    void twoHalvesMergedAreTheWhole() {
        NumericalStats.Accumulator first = fitted(raw(ROWS, 0, 3), NumericalTransform.STANDARDIZE);
        first.merge(fitted(raw(ROWS, 3, 6), NumericalTransform.STANDARDIZE));
        NumericalStats merged = first.result();
        assertClose(merged, fitted(raw(ROWS, 0, 6), NumericalTransform.STANDARDIZE).result());
        // by hand: 1..6 has mean 3.5 and variance 17.5 / 6; 10, 20, 60 mean 30 and variance 1400 / 3;
        // the field missing everywhere keeps mean 0 and the floor of the std
        assertThat(merged.mean()).containsExactly(new double[] {3.5, 30, 0}, within(1e-12));
        assertThat(merged.std()).containsExactly(new double[] {Math.sqrt(17.5 / 6), Math.sqrt(1400.0 / 3), NumericalStats.MIN_STD},
                within(1e-12));
    }

    @Test
    void unevenPartsOfALargerSplitMergeToTheWholeWithinRounding() {
        SplittableRandom random = new SplittableRandom(11);
        float[][] rows = new float[1000][2];
        for (float[] row : rows) {
            row[0] = (float) random.nextDouble(-5, 1e4);
            row[1] = random.nextInt(4) == 0 ? NAN : (float) random.nextDouble(0, 3);
        }
        NumericalStats.Accumulator parts = fitted(raw(rows, 0, 1), NumericalTransform.LOG_STANDARDIZE);
        parts.merge(fitted(raw(rows, 1, 337), NumericalTransform.LOG_STANDARDIZE));
        parts.merge(fitted(raw(rows, 337, 1000), NumericalTransform.LOG_STANDARDIZE));
        assertClose(parts.result(), fitted(raw(rows, 0, 1000), NumericalTransform.LOG_STANDARDIZE).result());
    }

    @Test
    void mergingIntoAnEmptyAccumulatorCopiesTheOtherBitForBit() {
        NumericalStats.Accumulator other = fitted(raw(ROWS, 1, 6), NumericalTransform.LOG_STANDARDIZE);
        NumericalStats.Accumulator empty = new NumericalStats.Accumulator(3, NumericalTransform.LOG_STANDARDIZE);
        empty.merge(other);
        assertThat(empty.result().mean()).containsExactly(other.result().mean());
        assertThat(empty.result().std()).containsExactly(other.result().std());
        // and an empty one merged in leaves the statistics as they were
        other.merge(new NumericalStats.Accumulator(3, NumericalTransform.LOG_STANDARDIZE));
        assertThat(other.result().mean()).containsExactly(empty.result().mean());
        assertThat(other.result().std()).containsExactly(empty.result().std());
    }

    @Test
    void accumulatorsOfDifferentFieldCountsDoNotMerge() {
        NumericalStats.Accumulator three = new NumericalStats.Accumulator(3, NumericalTransform.STANDARDIZE);
        assertThatThrownBy(() -> three.merge(new NumericalStats.Accumulator(2, NumericalTransform.STANDARDIZE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accumulators of 2 fields (STANDARDIZE) and 3 fields (STANDARDIZE)");
    }

    @Test
    void accumulatorsOfDifferentTransformsDoNotMerge() {
        NumericalStats.Accumulator log = new NumericalStats.Accumulator(2, NumericalTransform.LOG_STANDARDIZE);
        assertThatThrownBy(() -> log.merge(new NumericalStats.Accumulator(2, NumericalTransform.STANDARDIZE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accumulators of 2 fields (STANDARDIZE) and 2 fields (LOG_STANDARDIZE)");
    }

    @Test
    void anAccumulatorSurvivesJavaSerializationAndGoesOnAdding() throws IOException, ClassNotFoundException {
        NumericalStats.Accumulator first = fitted(raw(ROWS, 0, 4), NumericalTransform.LOG_STANDARDIZE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(first);
        }
        NumericalStats.Accumulator copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (NumericalStats.Accumulator) in.readObject();
        }
        assertThat(copy.result().mean()).containsExactly(first.result().mean());
        assertThat(copy.result().std()).containsExactly(first.result().std());
        // the transform travelled too: the rest of the rows, added to the copy, give the whole's statistics bit for bit
        copy.add(raw(ROWS, 4, 6));
        NumericalStats whole = fitted(raw(ROWS, 0, 6), NumericalTransform.LOG_STANDARDIZE).result();
        assertThat(copy.result().mean()).containsExactly(whole.mean());
        assertThat(copy.result().std()).containsExactly(whole.std());
    }
}
