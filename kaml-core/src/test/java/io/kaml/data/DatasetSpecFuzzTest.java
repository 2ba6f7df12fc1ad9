package io.kaml.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Arbitrary text as dataset.yaml: parsing either gives a spec or fails with a one-line {@link DataException}
 * naming the key; any other exception, an out-of-memory error or a hang is a finding. A parsed spec also
 * builds its feature encoder, the part of loading that depends on the spec alone: its files are not read,
 * as a fuzzed spec may name any path on the machine.
 */
class DatasetSpecFuzzTest {
    private static final Path SOURCE = Path.of("fuzz", "dataset.yaml");

    @FuzzTest
    @Timeout(10)
    void specText(byte[] yaml) {
        try {
            FeatureEncoder.unfitted(DatasetSpecParser.parse(SOURCE, new String(yaml, StandardCharsets.UTF_8)));
        } catch (DataException e) {
            FuzzContract.requireOneLine(e);
        }
    }
}
