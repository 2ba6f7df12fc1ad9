package io.kaml.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kaml.nn.GemmWorkload;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FFM binding of OpenBLAS: its products against a triple loop, and its one-line reasons when it cannot load. */
class OpenBlasTest {
    @TempDir
    Path dir;

    @Test
    void sgemmEqualsATripleLoopOnOneAndTwoThreads() throws Exception {
        OpenBlas blas = shippedHere();
        assertThat(blas.description()).startsWith("OpenBLAS 0.3.").contains(" kernels");
        SplittableRandom random = new SplittableRandom(3);
        for (int threads = 1; threads <= 2; threads++) {
            blas.setThreads(threads);
            // odd sizes and one large enough for OpenBLAS to split it over its threads
            for (int[] shape : new int[][] {{1, 1, 1}, {7, 33, 19}, {5, 3, 300}, {130, 257, 66}}) {
                int m = shape[0], k = shape[1], n = shape[2];
                float[] a = uniform(m * k, random);
                float[] b = uniform(k * n, random);
                float[] c = new float[m * n];
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment cs = arena.allocate(ValueLayout.JAVA_FLOAT, c.length).fill((byte) 0x7f); // overwritten, not added to
                    blas.multiply(arena.allocateFrom(ValueLayout.JAVA_FLOAT, a), arena.allocateFrom(ValueLayout.JAVA_FLOAT, b), cs, m, k, n);
                    MemorySegment.copy(cs, ValueLayout.JAVA_FLOAT, 0, c, 0, c.length);
                }
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double exact = 0;
                        double magnitude = 0;
                        for (int p = 0; p < k; p++) {
                            double product = (double) a[i * k + p] * b[p * n + j];
                            exact += product;
                            magnitude += Math.abs(product);
                        }
                        // twice the standard bound of a float dot product of length k
                        double bound = (k + 2) * 0x1p-23 * magnitude + Float.MIN_NORMAL;
                        assertThat(Math.abs(c[i * n + j] - exact)).as("%dx%dx%d on %d threads, [%d, %d]", m, k, n, threads, i, j)
                                .isLessThanOrEqualTo(bound);
                    }
                }
            }
        }
    }

    @Test
    void workloadComputesItsProductAndCountsItsFlops() throws Exception {
        try (GemmWorkload product = shippedHere().forward(64, 32, 48, 2, 1)) {
            assertThat(product.flops()).isEqualTo(2.0 * 64 * 32 * 48);
            product.run(3);
        }
    }

    @Test
    void rejectsSegmentsShorterThanTheShape() throws Exception {
        OpenBlas blas = shippedHere();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment six = arena.allocate(ValueLayout.JAVA_FLOAT, 6);
            assertThatThrownBy(() -> blas.multiply(six, six, arena.allocate(ValueLayout.JAVA_FLOAT, 3), 2, 3, 2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("c needs 4 floats, has 3");
        }
    }

    @Test
    void platformsAreNamedAsBytedecoNamesItsJars() {
        assertThat(OpenBlas.platform("Linux", "amd64")).isEqualTo(OpenBlas.SHIPPED_PLATFORM);
        assertThat(OpenBlas.platform("Mac OS X", "aarch64")).isEqualTo("macosx-arm64");
        assertThat(OpenBlas.platform("Windows 11", "amd64")).isEqualTo("windows-x86_64");
        assertThat(OpenBlas.platform("Linux", "aarch64")).isEqualTo("linux-arm64");
    }

    @Test
    void elsewhereTheReasonIsOneLineNamingThePlatformAndTheWayOut() throws Exception {
        assertThatThrownBy(() -> OpenBlas.requireShipped("macosx-arm64")).isInstanceOf(OpenBlas.Unavailable.class)
                .hasMessage("kaml carries OpenBLAS for linux-x86_64 only and this is macosx-arm64 (--blas-library FILE loads "
                        + "an installed one)");
        OpenBlas.requireShipped("linux-x86_64");
    }

    @Test
    void aLibraryThatCannotLoadIsOneLineSayingWhich() {
        Path missing = dir.resolve("libopenblas.so.0");
        assertThatThrownBy(() -> OpenBlas.load(missing)).isInstanceOf(OpenBlas.Unavailable.class)
                .hasMessageStartingWith("cannot load " + missing + ": ").message().doesNotContain("\n");
    }

    /** The library kaml carries, on the one platform it carries it for; elsewhere the test does not apply. */
    private static OpenBlas shippedHere() throws OpenBlas.Unavailable {
        assumeTrue(OpenBlas.platform(System.getProperty("os.name"), System.getProperty("os.arch")).equals(OpenBlas.SHIPPED_PLATFORM),
                "kaml carries OpenBLAS for linux-x86_64 only");
        return OpenBlas.shipped();
    }

    private static float[] uniform(int size, SplittableRandom random) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }
}
