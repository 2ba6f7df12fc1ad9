package io.kaml.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a report was written on, as far as the JVM can tell without privileges: a reviewer
 * comparing run times or reproducing numbers needs to know what ran them.
 *
 * @param os           operating system name and kernel version
 * @param arch         the JVM's architecture name (amd64, aarch64)
 * @param processors   processors available to the JVM (a container's limit, not the host's count)
 * @param cpu          the CPU model from {@code /proc/cpuinfo}, or null where that file is unreadable or names none
 * @param java         the runtime's version and vendor
 * @param maxHeapBytes the most heap the JVM will use ({@code -Xmx} or its default)
 */
public record Machine(String os, String arch, int processors, String cpu, String java, long maxHeapBytes) {
    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    /** This JVM's machine. */
    public static Machine current() {
        Runtime runtime = Runtime.getRuntime();
        return new Machine(System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                runtime.availableProcessors(), cpuModel(CPU_INFO), Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
                runtime.maxMemory());
    }

    /** The first "model name" of a {@code /proc/cpuinfo}; null when the file is missing or unreadable (macOS, a sandbox) or has none (many ARM kernels). */
    static String cpuModel(Path cpuInfo) {
        try {
            return cpuModel(Files.readAllLines(cpuInfo));
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    static String cpuModel(List<String> cpuInfo) {
        for (String line : cpuInfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals("model name")) {
                String model = line.substring(colon + 1).strip();
                return model.isEmpty() ? null : model;
            }
        }
        return null;
    }
}
