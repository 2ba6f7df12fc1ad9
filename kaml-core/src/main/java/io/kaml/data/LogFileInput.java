package io.kaml.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
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
        return b0 == 0x1f && b1 == 0x8b ? new WholeGzip(in, file) : in;
    }

    /**
     * gzip that refuses bytes after the compressed data. {@link GZIPInputStream} reads past the last member
     * and, when what follows is not another member, stops without a word, so a file with junk appended
     * (two files concatenated wrongly, a partial overwrite) would load as if complete. At the end, the last
     * member's uncompressed size, which its trailer holds in the file's last 4 bytes, must be what the
     * inflater wrote for it (it is reset only when another member begins).
     */
    private static final class WholeGzip extends GZIPInputStream {
        private final Path file;
        private boolean checked;

        WholeGzip(InputStream in, Path file) throws IOException {
            super(in, BUFFER);
            this.file = file;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0 && !checked) {
                checked = true;
                if (trailingSize() != (int) inf.getBytesWritten()) {
                    throw new IOException("bytes follow the end of the gzip data (junk appended, or another file's bytes?)");
                }
            }
            return n;
        }

        /** The little-endian size modulo 2^32 in the file's last 4 bytes (a gzip trailer is CRC-32, then that size). */
        private int trailingSize() throws IOException {
            try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                channel.position(Math.max(0, channel.size() - 4));
                while (tail.hasRemaining() && channel.read(tail) > 0) {
                    // fill
                }
                return tail.getInt(0);
            }
        }
    }
}
