package io.kaml.data;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page compression for {@link ParquetRowSource} and {@link ParquetLogWriter}, straight on
 * snappy-java, zstd-jni and {@code java.util.zip}. parquet-hadoop's own codec factory runs Hadoop: its
 * {@code Configuration} (which needs Hadoop's XML parser, collections and Guava on the class path), its
 * codec pool and Parquet's direct-buffer Snappy streams, which on JDK 25 print JVM warnings about
 * {@code sun.misc.Unsafe} and log native-library notices on every run. Pages here are plain byte arrays
 * and none of that code is loaded, which is why kaml ships Hadoop's jars without their dependencies.
 *
 * <p>Every decompressor checks that a page inflates to exactly the size its header states (and gzip
 * reads through its CRC trailer), so a corrupt page fails here instead of decoding into wrong values.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    static final ParquetCodecs INSTANCE = new ParquetCodecs();

    /** The codecs kaml reads and writes. */
    static final Set<CompressionCodecName> SUPPORTED = EnumSet.of(CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY, CompressionCodecName.GZIP, CompressionCodecName.ZSTD);

    /** zstd's default level, as parquet-hadoop uses. */
    private static final int ZSTD_LEVEL = 3;

    private ParquetCodecs() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        requireSupported(codec);
        return new Compressor(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        requireSupported(codec);
        return new Decompressor(codec);
    }

    /** Nothing to release: the codecs keep no buffers or native contexts between pages. */
    @Override
    public void release() {
    }

    private static void requireSupported(CompressionCodecName codec) {
        if (!SUPPORTED.contains(codec)) {
            throw new IllegalArgumentException("unsupported Parquet compression " + codec + "; kaml supports " + SUPPORTED);
        }
    }

    /** A page's bytes in one array, copied once (BytesInput's own toByteArray is deprecated). */
    private static byte[] bytesOf(BytesInput bytes) throws IOException {
        byte[] array = new byte[Math.toIntExact(bytes.size())];
        if (bytes.toInputStream().readNBytes(array, 0, array.length) != array.length) {
            throw new IOException("page shorter than its stated " + array.length + " bytes");
        }
        return array;
    }

    private record Compressor(CompressionCodecName codec) implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            byte[] page = bytesOf(bytes);
            return BytesInput.from(switch (codec) {
                case SNAPPY -> Snappy.compress(page);
                case ZSTD -> Zstd.compress(page, ZSTD_LEVEL);
                case GZIP -> gzip(page);
                default -> page;
            });
        }

        private static byte[] gzip(byte[] page) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(page.length / 2 + 64);
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(page);
            }
            return out.toByteArray();
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
        }
    }

    private record Decompressor(CompressionCodecName codec) implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int size) throws IOException {
            return BytesInput.from(decompress(bytesOf(bytes), size));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int size) throws IOException {
            byte[] page = new byte[compressedSize];
            input.get(page);
            output.put(decompress(page, size));
        }

        private byte[] decompress(byte[] page, int size) throws IOException {
            byte[] out = switch (codec) {
                case SNAPPY -> unsnappy(page, size);
                case ZSTD -> unzstd(page, size);
                case GZIP -> gunzip(page);
                default -> page;
            };
            if (out.length != size) {
                throw new IOException(codec + " page inflates to " + out.length + " bytes, its header says " + size);
            }
            return out;
        }

        private static byte[] unsnappy(byte[] page, int size) throws IOException {
            int length = Snappy.uncompressedLength(page);
            if (length != size) {
                throw new IOException("SNAPPY page inflates to " + length + " bytes, its header says " + size);
            }
            byte[] out = new byte[size];
            Snappy.uncompress(page, 0, page.length, out, 0);
            return out;
        }

        private static byte[] unzstd(byte[] page, int size) throws IOException {
            byte[] out = new byte[size];
            long written = Zstd.decompressByteArray(out, 0, size, page, 0, page.length);
            if (Zstd.isError(written)) {
                throw new IOException("corrupt ZSTD page: " + Zstd.getErrorName(written));
            }
            if (written != size) {
                throw new IOException("ZSTD page inflates to " + written + " bytes, its header says " + size);
            }
            return out;
        }

        /** Reads to the end, through every member's CRC and length trailer. */
        private static byte[] gunzip(byte[] page) throws IOException {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(page), 1 << 14)) {
                return in.readAllBytes();
            }
        }

        @Override
        public void release() {
        }
    }
}
