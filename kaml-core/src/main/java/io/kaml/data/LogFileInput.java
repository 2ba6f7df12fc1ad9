package io.kaml.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens a data file, plain or gzip; gzip is recognised by its magic bytes, not the file name. */
public final class LogFileInput {
    private static final int BUFFER = 1 << 16;

    private LogFileInput() {
    }

    /** Whether the file starts with gzip's magic bytes. */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** An I/O failure in words: a truncated gzip file says so instead of Java's null message. */
    public static String describe(IOException e) {
        if (e instanceof EOFException) {
            return "the file ends unexpectedly (truncated?)";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    public static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, BUFFER) : in;
    }
}
