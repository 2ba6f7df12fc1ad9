package io.kaml.artifact;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arbitrary bytes as a model file: {@link ModelStore#load} gives a model or throws {@link ArtifactException};
 * any other exception, an out-of-memory error or a hang is a finding.
 *
 * <p>An input is the file without its trailing SHA-256, which the target appends: a fuzzer cannot forge
 * a checksum, so mutated files would all stop at the checksum test (covered by {@code ModelFileTest})
 * and never reach the header, metadata and tensor parsing behind it. The seeds are tiny models of every
 * backbone written by {@link ModelStore#save}, less their last 32 bytes.
 */
class ModelFileFuzzTest {
    @TempDir
    static Path dir;

    @FuzzTest
    @Timeout(10)
    void modelFile(byte[] body) throws IOException, NoSuchAlgorithmException {
        Path file = dir.resolve("m.kaml");
        try (var out = Files.newOutputStream(file)) {
            out.write(body);
            out.write(MessageDigest.getInstance("SHA-256").digest(body));
        }
        try {
            ModelStore.load(file);
        } catch (ArtifactException refused) {
            // the documented refusal
        }
    }
}
