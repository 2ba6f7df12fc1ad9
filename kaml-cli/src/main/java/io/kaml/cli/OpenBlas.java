package io.kaml.cli;

import io.kaml.bench.ReferenceBlas;
import io.kaml.nn.GemmWorkload;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * OpenBLAS's {@code cblas_sgemm} through the FFM API: the BLAS that {@code kaml bench} times beside kaml's
 * own kernel. kaml.jar carries the library from bytedeco's {@code org.bytedeco:openblas} linux-x86_64
 * artifact, without its JavaCPP loader: the files are copied from the class path to a temporary
 * directory, loaded, and deleted again (a loaded library stays mapped). Another platform, or another
 * build, loads a library file given by path ({@link #load(Path)}).
 *
 * <p>Loaded libraries are never unloaded (OpenBLAS's threads live in them), so each is loaded once per process.
 */
final class OpenBlas implements ReferenceBlas {
    /** The platform whose library kaml.jar carries, in bytedeco's naming. */
    static final String SHIPPED_PLATFORM = "linux-x86_64";
    private static final String SHIPPED_DIRECTORY = "/org/bytedeco/openblas/" + SHIPPED_PLATFORM + "/";
    /**
     * In load order. Only libopenblas finds its neighbours by its RUNPATH ($ORIGIN); libgfortran's own
     * dependency, libquadmath, is found because it is already loaded.
     */
    private static final List<String> SHIPPED_FILES = List.of("libquadmath.so.0", "libgfortran.so.5", "libopenblas.so.0");
    /**
     * OpenBLAS's idle threads spin for 2^28 cycles (about 0.1 s) after each call before they sleep: on a
     * 2-core machine that would take a core from kaml's kernel timed next. 2^20 cycles still keeps them
     * awake between back-to-back calls. Read when the library loads; a value in the environment wins.
     */
    private static final String THREAD_TIMEOUT = "20";
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANSPOSE = 111;
    private static final FunctionDescriptor SGEMM = FunctionDescriptor.ofVoid(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, // order, transA, transB
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, // M, N, K
            ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, // alpha, A, lda
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT, // B, ldb
            ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT); // beta, C, ldc

    private static OpenBlas shipped;

    private final MethodHandle sgemm;
    private final MethodHandle setThreads;
    private final String description;

    /** The library cannot be loaded here; the message says why in one line. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private OpenBlas(SymbolLookup library, String origin) throws Unavailable {
        Linker linker = Linker.nativeLinker();
        sgemm = linker.downcallHandle(find(library, "cblas_sgemm"), SGEMM);
        setThreads = linker.downcallHandle(find(library, "openblas_set_num_threads"), FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
        String config = text(linker, find(library, "openblas_get_config"));
        String core = text(linker, find(library, "openblas_get_corename"));
        // "OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=64": its first two words
        String[] words = config.trim().split("\\s+");
        String version = words.length >= 2 ? words[0] + " " + words[1] : config.trim();
        String forced = System.getenv("OPENBLAS_CORETYPE") == null ? "" : " as OPENBLAS_CORETYPE asks";
        description = version + ", " + core + " kernels" + forced + origin;
    }

    /** The library kaml.jar carries, loaded on first use. */
    static synchronized OpenBlas shipped() throws Unavailable {
        if (shipped == null) {
            requireShipped(platform(System.getProperty("os.name"), System.getProperty("os.arch")));
            shipped = new OpenBlas(extractAndLoad(), "");
        }
        return shipped;
    }

    /** Fails, saying why in one line, unless kaml.jar carries OpenBLAS for {@code platform}. */
    static void requireShipped(String platform) throws Unavailable {
        if (!platform.equals(SHIPPED_PLATFORM)) {
            throw new Unavailable("kaml carries OpenBLAS for " + SHIPPED_PLATFORM + " only and this is " + platform
                    + " (--blas-library FILE loads an installed one)");
        }
    }

    /** An OpenBLAS shared library file, e.g. a system's /usr/lib/x86_64-linux-gnu/libopenblas.so.0. */
    static OpenBlas load(Path library) throws Unavailable {
        shortenThreadSpin();
        try {
            return new OpenBlas(SymbolLookup.libraryLookup(library, Arena.global()), " (" + library + ")");
        } catch (IllegalArgumentException | IllegalCallerException e) {
            throw new Unavailable("cannot load " + library + ": " + oneLine(e.getMessage()));
        }
    }

    /** bytedeco's platform name for a JVM's os.name and os.arch, e.g. linux-x86_64, macosx-arm64, windows-x86_64. */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system = os.startsWith("mac") ? "macosx" : os.startsWith("windows") ? "windows" : os.replaceAll("[^a-z0-9]", "");
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "aarch64" -> "arm64";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
        return system + "-" + arch;
    }

    @Override
    public String description() {
        return description;
    }

    /** Sets how many threads OpenBLAS computes a product on, for every later call, process-wide. */
    void setThreads(int threads) {
        try {
            setThreads.invokeExact(threads);
        } catch (Throwable e) {
            throw new IllegalStateException("openblas_set_num_threads failed", e);
        }
    }

    /**
     * C = A·B in single precision, row-major, on OpenBLAS's current threads.
     *
     * @param a [m, k]
     * @param b [k, n]
     * @param c [m, n], overwritten
     */
    void multiply(MemorySegment a, MemorySegment b, MemorySegment c, int m, int k, int n) {
        requireFloats(a, (long) m * k, "a");
        requireFloats(b, (long) k * n, "b");
        requireFloats(c, (long) m * n, "c");
        try {
            sgemm.invokeExact(ROW_MAJOR, NO_TRANSPOSE, NO_TRANSPOSE, m, n, k, 1f, a, k, b, n, 0f, c, n);
        } catch (Throwable e) {
            throw new IllegalStateException("cblas_sgemm failed", e);
        }
    }

    @Override
    public GemmWorkload forward(int m, int k, int n, int threads, long seed) {
        Arena arena = Arena.ofConfined();
        SplittableRandom random = new SplittableRandom(seed);
        MemorySegment a = filled(arena, (long) m * k, random);
        MemorySegment b = filled(arena, (long) k * n, random);
        MemorySegment c = arena.allocate(ValueLayout.JAVA_FLOAT, (long) m * n);
        return new GemmWorkload() {
            @Override
            public double flops() {
                return 2.0 * m * k * n;
            }

            @Override
            public void run(int repetitions) {
                setThreads(threads);
                for (int r = 0; r < repetitions; r++) {
                    multiply(a, b, c, m, k, n);
                }
            }

            @Override
            public void close() {
                arena.close();
            }
        };
    }

    private static MemorySegment filled(Arena arena, long size, SplittableRandom random) {
        MemorySegment segment = arena.allocate(ValueLayout.JAVA_FLOAT, size);
        for (long i = 0; i < size; i++) {
            segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextDouble(-1, 1));
        }
        return segment;
    }

    private static SymbolLookup extractAndLoad() throws Unavailable {
        shortenThreadSpin();
        Path directory = null;
        try {
            directory = Files.createTempDirectory("kaml-openblas-");
            SymbolLookup library = null;
            for (String file : SHIPPED_FILES) {
                Path target = directory.resolve(file);
                try (InputStream in = OpenBlas.class.getResourceAsStream(SHIPPED_DIRECTORY + file)) {
                    if (in == null) {
                        throw new Unavailable("OpenBLAS's " + file + " is not on the class path (a build without "
                                + "org.bytedeco:openblas)");
                    }
                    Files.copy(in, target);
                }
                library = SymbolLookup.libraryLookup(target, Arena.global());
            }
            return library;
        } catch (IOException e) {
            throw new Unavailable("cannot copy OpenBLAS to a temporary directory: " + oneLine(e.toString()));
        } catch (IllegalArgumentException | IllegalCallerException e) {
            throw new Unavailable("cannot load OpenBLAS: " + oneLine(e.getMessage()));
        } finally {
            deleteQuietly(directory);
        }
    }

    /**
     * Sets OPENBLAS_THREAD_TIMEOUT for the library about to load, unless the environment has it (see
     * {@link #THREAD_TIMEOUT}); where the C library has no setenv, OpenBLAS keeps its default.
     */
    private static void shortenThreadSpin() {
        Linker linker = Linker.nativeLinker();
        linker.defaultLookup().find("setenv").ifPresent(function -> {
            MethodHandle setenv = linker.downcallHandle(function,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            // setenv fails only for a malformed name or without memory; its result is dropped
            try (Arena arena = Arena.ofConfined()) {
                setenv.invoke(arena.allocateFrom("OPENBLAS_THREAD_TIMEOUT"), arena.allocateFrom(THREAD_TIMEOUT), 0);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot call setenv", e);
            }
        });
    }

    /** The files are mapped once loaded, so the copies can go at once and nothing is left behind, however the JVM ends. */
    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // a leftover file in the temporary directory is harmless; the benchmark goes on
        }
    }

    private static MemorySegment find(SymbolLookup library, String symbol) throws Unavailable {
        return library.find(symbol).orElseThrow(() -> new Unavailable("not an OpenBLAS library: no " + symbol));
    }

    private static String text(Linker linker, MemorySegment function) {
        try {
            MemorySegment address = (MemorySegment) linker.downcallHandle(function, FunctionDescriptor.of(ValueLayout.ADDRESS))
                    .invokeExact();
            return address.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read OpenBLAS's configuration", e);
        }
    }

    private static void requireFloats(MemorySegment segment, long floats, String name) {
        if (segment.byteSize() < floats * Float.BYTES) {
            throw new IllegalArgumentException(name + " needs " + floats + " floats, has " + segment.byteSize() / Float.BYTES);
        }
    }

    private static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ");
    }
}
