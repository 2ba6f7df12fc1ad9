package io.kaml.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.data.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The kaml model file: the only place that knows its bytes.
 *
 * <pre>
 *   "KAMLMODL"                         8 bytes, magic
 *   format version                     int32
 *   header length H                    int32
 *   header                             H bytes UTF-8 JSON: {"metadata": {...}, "tensors": [{"name", "shape"}...]}
 *   tensor data                        float32 values of every tensor in header order
 *   SHA-256 of all bytes above         32 bytes
 * </pre>
 * All integers and floats are little-endian. Writing goes to a temporary file in the target directory
 * which is forced to disk and then renamed over the target, so a crash never leaves a half-written
 * model; reading checks magic, version and checksum before trusting anything.
 */
public final class ModelFile {
    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "KAMLMODL".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_BYTES = 32;
    /** The largest file format version 1 allows: one Java array holds it, in writing and reading. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {
    }

    public static void write(Path target, ModelArtifact artifact) {
        ObjectNode header = JSON.createObjectNode();
        header.set("metadata", artifact.metadata());
        ArrayNode tensors = header.putArray("tensors");
        long floats = 0;
        for (Tensor t : artifact.tensors()) {
            ObjectNode entry = tensors.addObject().put("name", t.name());
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(t.shape()).forEach(shape::add);
            floats += t.data().length;
        }
        byte[] headerBytes = json(header);
        long total = MAGIC.length + 8L + headerBytes.length + 4 * floats + DIGEST_BYTES;
        if (total > MAX_BYTES) {
            throw new ArtifactException("model too large for format version " + FORMAT_VERSION + ": " + total + " bytes (at most "
                    + MAX_BYTES + "); lower the buckets or the embedding width");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(FORMAT_VERSION).putInt(headerBytes.length).put(headerBytes);
        for (Tensor t : artifact.tensors()) {
            buf.asFloatBuffer().put(t.data());
            buf.position(buf.position() + 4 * t.data().length);
        }
        buf.put(sha256(buf.array(), buf.position()));
        writeAtomically(target, buf.array());
    }

    private static void writeAtomically(Path target, byte[] bytes) {
        try {
            AtomicFile.write(target, bytes);
        } catch (IOException e) {
            throw new ArtifactException("cannot write model file " + target + ": " + e.getMessage(), e);
        }
    }

    public static ModelArtifact read(Path file) {
        byte[] bytes;
        try {
            // write() refuses models this large, so such a file is not one of ours; reading it whole would end
            // in an OutOfMemoryError instead of this sentence.
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ArtifactException(file + " is " + size + " bytes: a model file of format version " + FORMAT_VERSION
                        + " holds at most " + MAX_BYTES + " (kaml writes none larger), so it is not one");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ArtifactException("model file not found: " + file, e);
        } catch (IOException e) {
            throw new ArtifactException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length < MAGIC.length + 8 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new ArtifactException(file + " is not a kaml model file (it does not start with the kaml magic bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(MAGIC.length);
        int version = buf.getInt();
        if (version != FORMAT_VERSION) {
            throw new ArtifactException(file + " has model format version " + version + "; this kaml reads version "
                    + FORMAT_VERSION + (version > FORMAT_VERSION ? " (upgrade kaml to load it)" : " (retrain or convert it)"));
        }
        if (bytes.length < buf.position() + 4 + DIGEST_BYTES) {
            throw new ArtifactException(file + " is truncated (" + bytes.length + " bytes)");
        }
        int body = bytes.length - DIGEST_BYTES;
        if (!MessageDigest.isEqual(sha256(bytes, body), Arrays.copyOfRange(bytes, body, bytes.length))) {
            throw new ArtifactException(file + " is corrupt or truncated: its SHA-256 checksum does not match its content");
        }
        int headerLength = buf.getInt();
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, buf.position(), headerLength, StandardCharsets.UTF_8));
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new ArtifactException(file + " has an unreadable header: " + e.getMessage(), e);
        }
        buf.position(buf.position() + headerLength);
        List<Tensor> tensors = new ArrayList<>();
        for (JsonNode entry : header.path("tensors")) {
            String name = entry.path("name").asText();
            JsonNode dims = entry.path("shape");
            if (!dims.isArray()) {
                throw new ArtifactException(file + ": tensor " + name + " has no shape list");
            }
            int[] shape = new int[dims.size()];
            long size = 1;
            for (int d = 0; d < shape.length; d++) {
                shape[d] = dims.get(d).intValue();
                if (shape[d] < 0) {
                    throw new ArtifactException(file + ": tensor " + name + " has a negative dimension " + shape[d]);
                }
                size *= shape[d];
            }
            if (buf.position() + 4 * size > body) {
                throw new ArtifactException(file + ": tensor " + name + " runs past the end of the data");
            }
            float[] data = new float[(int) size];
            buf.asFloatBuffer().get(data);
            buf.position(buf.position() + 4 * data.length);
            tensors.add(tensor(file, name, shape, data));
        }
        if (buf.position() != body) {
            throw new ArtifactException(file + ": " + (body - buf.position()) + " bytes of data are not described by the header");
        }
        if (!(header.get("metadata") instanceof ObjectNode metadata)) {
            throw new ArtifactException(file + ": the header has no metadata object");
        }
        try {
            return new ModelArtifact(metadata, tensors);
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(file + ": " + e.getMessage(), e);
        }
    }

    private static Tensor tensor(Path file, String name, int[] shape, float[] data) {
        try {
            return new Tensor(name, shape, data);
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] json(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new ArtifactException("cannot serialise model metadata: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
