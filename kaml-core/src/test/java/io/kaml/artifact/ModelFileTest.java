package io.kaml.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.data.FeatureEncoder;
import io.kaml.data.MissingValues;
import io.kaml.data.NumericalStats;
import io.kaml.data.NumericalTransform;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    private static ModelArtifact sample() {
        ObjectNode meta = new ObjectMapper().createObjectNode().put("backbone", "mmoe");
        meta.putObject("provenance").put("seed", 7);
        Random random = new Random(1);
        float[] w = new float[6 * 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        return new ModelArtifact(meta, List.of(new Tensor("w", new int[] {6, 4}, w),
                new Tensor("b", new int[] {4}, new float[] {Float.MIN_VALUE, -0f, Float.MAX_VALUE, 1e-30f}),
                new Tensor("empty", new int[] {0, 3}, new float[0])));
    }

    @Test
    void roundTripsBitForBit() {
        Path file = dir.resolve("m.kaml");
        ModelArtifact written = sample();
        ModelFile.write(file, written);
        ModelArtifact read = ModelFile.read(file);
        assertThat(read.metadata()).isEqualTo(written.metadata());
        assertThat(read.tensors()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(read.tensors().get(i).name()).isEqualTo(written.tensors().get(i).name());
            assertThat(read.tensors().get(i).shape()).isEqualTo(written.tensors().get(i).shape());
            assertThat(read.tensors().get(i).data()).isEqualTo(written.tensors().get(i).data());
        }
        assertThat(read.tensor("b").data()[1]).isEqualTo(-0f);
        assertThatThrownBy(() -> read.tensor("gate")).hasMessageContaining("no tensor 'gate'");
    }

    @Test
    void anyFlippedByteIsCaughtByTheChecksum() throws IOException {
        Path file = dir.resolve("m.kaml");
        ModelFile.write(file, sample());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 40] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(ArtifactException.class).hasMessageContaining("checksum");
    }

    @Test
    void truncatedWrongMagicAndFutureVersionsAreNamed() throws IOException {
        Path file = dir.resolve("m.kaml");
        ModelFile.write(file, sample());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ModelFile.read(file)).hasMessageContaining("corrupt or truncated");
        Files.writeString(file, "actions: [a]\n");
        assertThatThrownBy(() -> ModelFile.read(file)).hasMessageContaining("not a kaml model file");
        ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(99);
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelFile.read(file)).hasMessageContaining("format version 99").hasMessageContaining("upgrade kaml");
        assertThatThrownBy(() -> ModelFile.read(dir.resolve("none.kaml"))).hasMessageContaining("not found");
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("m.kaml");
        Files.writeString(file, "old");
        ModelFile.write(file, sample());
        assertThat(ModelFile.read(file).metadata().get("backbone").asText()).isEqualTo("mmoe");
        try (var listing = Files.list(dir)) {
            assertThat(listing.toList()).containsExactly(file);
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileUntouched() throws IOException {
        Path file = dir.resolve("m.kaml");
        ModelFile.write(file, sample());
        byte[] before = Files.readAllBytes(file);
        Path blocked = dir.resolve("m.kaml.d");
        Files.createDirectory(blocked);
        Files.writeString(blocked.resolve("x"), "a non-empty directory cannot be replaced by a file");
        assertThatThrownBy(() -> ModelFile.write(blocked, sample())).isInstanceOf(ArtifactException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var listing = Files.list(dir)) {
            assertThat(listing.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()).isEmpty();
        }
    }

    @Test
    void encoderStateRoundTrips() {
        FeatureEncoder encoder = new FeatureEncoder(List.of("a", "b"), List.of("user", "ad"), new int[] {10, 20}, 5,
                List.of("price"), NumericalTransform.LOG_STANDARDIZE, new NumericalStats(new double[] {1.5}, new double[] {0.25}),
                new MissingValues(List.of("ad"), 0.05));
        FeatureEncoder back = EncoderCodec.fromJson(EncoderCodec.toJson(encoder));
        assertThat(back.bucket(1, "ad42")).isEqualTo(encoder.bucket(1, "ad42"));
        assertThat(back.numerical(0, 12.0)).isEqualTo(encoder.numerical(0, 12.0));
        assertThat(back.actions()).isEqualTo(encoder.actions());
        assertThat(back.fieldOffsets()).containsExactly(0, 10);
        assertThat(back.missing()).isEqualTo(encoder.missing());
        assertThatThrownBy(() -> EncoderCodec.fromJson(new ObjectMapper().createObjectNode()))
                .isInstanceOf(ArtifactException.class).hasMessageContaining("encoder state");
    }

    /** Issue 12: a file over 2 GiB was read whole and ended in an OutOfMemoryError. A sparse file costs no disk. */
    @Test
    void aFileBeyondTheFormatsSizeIsRefusedBeforeItIsRead() throws Exception {
        Path huge = dir.resolve("huge.kaml");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L << 30);
        }
        assertThatThrownBy(() -> ModelFile.read(huge)).isInstanceOf(ArtifactException.class)
                .hasMessage(huge + " is 3221225472 bytes: a model file of format version 1 holds at most 2147483639 (kaml writes none"
                        + " larger), so it is not one");
    }
}
