package io.kaml.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The shape of {@link Gemm}'s register-blocked micro-kernel: {@code rows} rows of C by {@code vectors}
 * vectors of columns. The kernel holds rows·vectors accumulators, one row of B as {@code vectors}
 * vectors and one broadcast element of A in vector registers at once; when they do not fit, C2 spills
 * accumulators to the stack on every step and the kernel runs at a fraction of its speed. So the shape
 * follows the machine: 4×4 (21 registers) where there are 32 vector registers (AVX-512, AArch64),
 * 5×2 (13) where there are 16 (AVX2). OpenBLAS's and BLIS's Haswell kernels are 6×2 (15), but C2 needs a
 * spare register: given 6×2 it keeps an accumulator on the stack in one of the kernel's loops (seen in its
 * machine code on Java 25; {@link FiveByTwoTiles} has the measurement).
 *
 * <p>The shape does not change a result's bits: every element of C is summed over the depth in the
 * same order, from the same start, whatever the tile, so models and checkpoints are the same on
 * either. The system property {@value #PROPERTY} ("4x4" or "5x2") forces a shape, read once when
 * {@link Gemm} loads: to compare shapes on one machine, never needed for correctness.
 */
public enum GemmTile {
    FOUR_BY_FOUR(4, 4),
    FIVE_BY_TWO(5, 2);

    /** The system property that forces a shape. */
    public static final String PROPERTY = "kaml.gemm.tile";

    private final int rows;
    private final int vectors;

    GemmTile(int rows, int vectors) {
        this.rows = rows;
        this.vectors = vectors;
    }

    public int rows() {
        return rows;
    }

    public int vectors() {
        return vectors;
    }

    /** Vector registers the kernel keeps live: the accumulators, one row of B, one broadcast of A. */
    public int registers() {
        return rows * vectors + vectors + 1;
    }

    /** "4x4", "5x2": rows x vectors, as {@value #PROPERTY} takes it. */
    public String label() {
        return rows + "x" + vectors;
    }

    /**
     * The widest shape that fits the machine's vector registers: preferred in declaration order, each
     * taken when its {@link #registers()} fit.
     *
     * @param lanes floats per vector of the preferred species
     * @param arch  the JVM's os.arch
     */
    public static GemmTile forMachine(int lanes, String arch) {
        int registers = vectorRegisters(lanes, arch);
        for (GemmTile tile : values()) {
            if (tile.registers() <= registers) {
                return tile;
            }
        }
        throw new IllegalStateException("no tile fits " + registers + " vector registers");
    }

    /**
     * Architectural vector registers, which the JVM does not report: x86-64 has 32 with AVX-512
     * (16-float vectors) and 16 with AVX2 or SSE; AArch64 has 32 (NEON and SVE). Elsewhere 16, the
     * safe guess: a small tile on a large register file is slower, a large one on a small file spills.
     */
    static int vectorRegisters(int lanes, String arch) {
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> lanes >= 16 ? 32 : 16;
            case "aarch64" -> 32;
            default -> 16;
        };
    }

    /** The shape a {@value #PROPERTY} value names. */
    public static GemmTile parse(String label) {
        for (GemmTile tile : values()) {
            if (tile.label().equals(label.trim())) {
                return tile;
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + label + ": not a tile shape; one of "
                + Arrays.stream(values()).map(GemmTile::label).collect(Collectors.joining(", ")));
    }
}
