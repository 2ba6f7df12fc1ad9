package io.kaml.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheLinesTest {
    @Test
    void readsTheFirstFloatOfEachLineAndTheLast() {
        float[] array = new float[60];
        for (int i = 0; i < array.length; i++) {
            array[i] = i;
        }
        // [5, 45): floats 5, 21, 37 and the last, 44.
        assertThat(CacheLines.touch(array, 5, 40)).isEqualTo(5 + 21 + 37 + 44);
        // One float: read as the first and as the last.
        assertThat(CacheLines.touch(array, 7, 1)).isEqualTo(14);
    }
}
