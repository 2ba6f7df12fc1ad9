package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link EncoderFit}: the features seen missing, the same whether the split comes whole, in blocks or in merged parts. */
class EncoderFitTest {
    private static final FeatureEncoder UNFITTED = new FeatureEncoder(List.of("a"), List.of("user", "device", "city"),
            new int[] {10, 10, 10}, 0, List.of("price", "age"), NumericalTransform.STANDARDIZE, null, MissingValues.UNKNOWN);

    /**
     * Four raw rows: device is empty (bucket 0) in row 1, price NaN in row 3, user, city and age never missing.
     * Rows {@code from..to}.
     */
    private static Batch rows(int from, int to) {
        int[][] categorical = {{1, 2, 3}, {4, 0, 5}, {6, 7, 8}, {9, 1, 2}};
        float[][] numerical = {{1, 20}, {2, 30}, {3, 40}, {Float.NaN, 50}};
        int n = to - from;
        int[] cat = new int[n * 3];
        float[] num = new float[n * 2];
        for (int i = 0; i < n; i++) {
            System.arraycopy(categorical[from + i], 0, cat, i * 3, 3);
            System.arraycopy(numerical[from + i], 0, num, i * 2, 2);
        }
        return new Batch(n, 3, 2, 1, cat, num, new byte[n], new int[n], new int[n], new int[n], null);
    }

    /** The unfitted encoder fitted on {@code raw} in one block. */
    private static FeatureEncoder whole(Batch raw) {
        EncoderFit fit = new EncoderFit(UNFITTED);
        fit.add(raw);
        return fit.fitted(UNFITTED);
    }

    @Test
    void findsTheFeaturesEmptyInSomeRowWholeOrBlockByBlock() {
        FeatureEncoder whole = whole(rows(0, 4));
        assertThat(whole.missing()).isEqualTo(new MissingValues(List.of("device", "price"), 0));

        EncoderFit blocks = new EncoderFit(UNFITTED);
        blocks.add(rows(0, 1));
        assertThat(blocks.fitted(UNFITTED).missing().seen()).isEmpty();
        blocks.add(rows(1, 3));
        blocks.add(rows(3, 4));
        FeatureEncoder streamed = blocks.fitted(UNFITTED);
        assertThat(streamed.missing()).isEqualTo(whole.missing());
        assertThat(streamed.stats().mean()).isEqualTo(whole.stats().mean());
    }

    @Test
    void partsMergedAfterJavaSerializationAreTheWhole() throws IOException, ClassNotFoundException {
        EncoderFit first = new EncoderFit(UNFITTED);
        first.add(rows(0, 2));
        EncoderFit second = new EncoderFit(UNFITTED);
        second.add(rows(2, 4));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(second);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            first.merge((EncoderFit) in.readObject());
        }
        assertThat(first.fitted(UNFITTED).missing()).isEqualTo(whole(rows(0, 4)).missing());
    }

    @Test
    void aFitRecordsNoDropoutAndATrainingRunAddsItsOwn() {
        assertThat(UNFITTED.missing().seen()).isNull();
        assertThat(whole(rows(0, 4)).missing().dropout()).isZero();
        assertThat(whole(rows(0, 4)).withMissingDropout(0.05).missing().learned("user")).isTrue();
    }
}
