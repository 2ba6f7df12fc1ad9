package io.kaml.artifact;

import java.util.Arrays;

/**
 * A named block of weights in a model file.
 *
 * @param shape dimensions, row-major; their product is {@code data.length}
 */
public record Tensor(String name, int[] shape, float[] data) {
    public Tensor {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("tensor name must not be empty");
        }
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor " + name + " has a negative dimension: " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(shape) + " but " + data.length + " values");
        }
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }
}
