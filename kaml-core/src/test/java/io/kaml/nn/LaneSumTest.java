package io.kaml.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class LaneSumTest {
    /** The scalar halving tree, the order the kernels promise: lane i absorbs lane i + half, half = L/2, ..., 1. */
    private static float tree(float[] lanes) {
        float[] acc = lanes.clone();
        for (int half = acc.length >> 1; half > 0; half >>= 1) {
            for (int i = 0; i < half; i++) {
                acc[i] += acc[i + half];
            }
        }
        return acc[0];
    }

    @Test
    void addsInTheHalvingTreesOrderBitForBitBeforeAndAfterCompilation() {
        RandomGenerator random = GradientCheck.random(11);
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        // Mixed magnitudes, so another order of additions would round differently.
        float[][] cases = new float[200][lanes];
        for (float[] c : cases) {
            for (int i = 0; i < lanes; i++) {
                c[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-3, 6)));
            }
        }
        for (int round = 0; round < 300; round++) {
            for (float[] c : cases) {
                float sum = LaneSum.of(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, c, 0));
                assertThat(Float.floatToRawIntBits(sum)).isEqualTo(Float.floatToRawIntBits(tree(c)));
                float[] stored = new float[lanes + 3];
                System.arraycopy(c, 0, stored, 3, lanes);
                assertThat(Float.floatToRawIntBits(LaneSum.of(stored, 3))).isEqualTo(Float.floatToRawIntBits(sum));
            }
        }
    }
}
