package io.kaml.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The rectifier max(0, x), elementwise over flat arrays. */
public final class Relu {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private Relu() {
    }

    /**
     * y = max(0, x) over the first {@code size} floats; {@code y} may be {@code x} for an in-place pass.
     *
     * @param x [size]
     * @param y [size]
     */
    public static void forward(float[] x, float[] y, int size) {
        int i = 0;
        for (int end = SPECIES.loopBound(size); i < end; i += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, i).max(0f).intoArray(y, i);
        }
        for (; i < size; i++) {
            y[i] = Math.max(0f, x[i]);
        }
    }

    /**
     * dx = dy where the forward output was positive, else 0. The output decides, not the input, so
     * an in-place forward needs no copy of its input; {@code dx} may be {@code dy}.
     *
     * @param y  [size], the forward output
     * @param dy [size]
     * @param dx [size]
     */
    public static void backward(float[] y, float[] dy, float[] dx, int size) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = 0;
        for (int end = SPECIES.loopBound(size); i < end; i += SPECIES.length()) {
            FloatVector g = FloatVector.fromArray(SPECIES, dy, i);
            zero.blend(g, FloatVector.fromArray(SPECIES, y, i).compare(VectorOperators.GT, 0f)).intoArray(dx, i);
        }
        for (; i < size; i++) {
            dx[i] = y[i] > 0f ? dy[i] : 0f;
        }
    }
}
