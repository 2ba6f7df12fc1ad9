package io.kaml.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What fuzzing model files found (issue 12; see {@link ModelFileFuzzTest}): files with a valid checksum whose
 * header is wrong in ways the reader does not check, so loading fails with some other exception than
 * {@link ArtifactException} (which {@code kaml serve} turns into a 422 on reload, while any other makes the
 * reload a 500 and ends the {@code --watch} thread) or runs out of memory. Each file here is the smallest
 * that shows it, built byte by byte.
 */
class ModelFileFuzzFindingsTest {
    /** The encoder part of a model's metadata, with the given categorical fields and their buckets. */
    private static final String ENCODER = "\"encoder\": {\"actions\": [\"a\"], \"categorical\": %s, \"buckets\": %s, \"hash_seed\": 0,"
            + " \"numerical\": [], \"numerical_transform\": \"none\"}";

    @TempDir
    Path dir;

    /** Found by the fuzzer. */
    @Test
    void anEmptyTensorNameIsRefused() throws Exception {
        assertRefused(file("{\"metadata\": {}, \"tensors\": [{\"name\": \"\", \"shape\": [1]}]}", 1));
    }

    /** Found by the fuzzer. */
    @Test
    void aTensorNamedTwiceIsRefused() throws Exception {
        assertRefused(file("{\"metadata\": {}, \"tensors\": [{\"name\": \"w\", \"shape\": [1]}, {\"name\": \"w\", \"shape\": [1]}]}", 2));
    }

    /** Found by hand while writing the seeds, as are the rest of this class: a NullPointerException. */
    @Test
    void aShapeThatIsNoListIsRefused() throws Exception {
        assertRefused(file("{\"metadata\": {}, \"tensors\": [{\"name\": \"w\", \"shape\": {\"rows\": 1}}]}", 1));
    }

    /** Their product is positive, so the size check passes and the tensor itself throws. */
    @Test
    void twoNegativeDimensionsAreRefused() throws Exception {
        assertRefused(file("{\"metadata\": {}, \"tensors\": [{\"name\": \"w\", \"shape\": [-1, -1]}]}", 1));
    }

    /** The encoder adds the fields' buckets up for the embedding table's offsets: an ArithmeticException. */
    @Test
    void bucketsBeyondTheIntRangeAreRefused() throws Exception {
        assertRefused(file("{\"metadata\": {\"kind\": \"model\", " + ENCODER.formatted("[\"u\", \"v\"]", "[2000000000, 2000000000]")
                + "}, \"tensors\": []}", 0));
    }

    /**
     * A file of 265 bytes whose description claims 10 million buckets: the model is built, 200 MB of weights,
     * before its tensors are compared with it (and found missing). With 100 million buckets the same file
     * needs 2 GB and is an OutOfMemoryError in a 512 MB heap.
     */
    @Test
    void aDescriptionClaimingHugeWeightsIsRefusedBeforeTheyAreAllocated() throws Exception {
        Path file = file("{\"metadata\": {\"kind\": \"model\", \"model\": {\"embedding_dim\": 5}, "
                + ENCODER.formatted("[\"u\"]", "[10000000]") + "}, \"tensors\": []}", 0);
        com.sun.management.ThreadMXBean thread = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = thread.getCurrentThreadAllocatedBytes();
        assertRefused(file);
        assertThat(thread.getCurrentThreadAllocatedBytes() - before).as("bytes allocated to refuse a file of %d bytes", Files.size(file))
                .isLessThan(16L << 20);
    }

    private static void assertRefused(Path file) {
        assertThatThrownBy(() -> ModelStore.load(file)).isInstanceOf(ArtifactException.class);
    }

    /** A model file of {@code header} and {@code floats} zero weights, with its magic, version and a valid checksum. */
    private Path file(String header, int floats) throws IOException, NoSuchAlgorithmException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        byte[] body = ByteBuffer.allocate(16 + json.length + 4 * floats).order(ByteOrder.LITTLE_ENDIAN)
                .put("KAMLMODL".getBytes(StandardCharsets.US_ASCII)).putInt(ModelFile.FORMAT_VERSION).putInt(json.length).put(json)
                .array();
        byte[] bytes = Arrays.copyOf(body, body.length + 32);
        System.arraycopy(MessageDigest.getInstance("SHA-256").digest(body), 0, bytes, body.length, 32);
        Path file = dir.resolve("m.kaml");
        Files.write(file, bytes);
        return file;
    }
}
