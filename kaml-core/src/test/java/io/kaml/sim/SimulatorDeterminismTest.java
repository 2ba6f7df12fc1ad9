package io.kaml.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorDeterminismTest {
    @TempDir
    Path directory;

    @Test
    void theSameConfigGivesByteIdenticalFilesAndAnotherSeedDifferentOnes() throws IOException {
        SimulatorConfig config = SimulatedData.small().days(4).clicksPerDay(2_000).build();
        new Simulator(config).run(directory.resolve("a"), false, (day, days) -> { });
        new Simulator(config).run(directory.resolve("b"), false, (day, days) -> { });
        new Simulator(config.toBuilder().seed(config.seed() + 1).build()).run(directory.resolve("c"), false, (day, days) -> { });
        for (String file : OutputDirectory.fileNames()) {
            byte[] a = Files.readAllBytes(directory.resolve("a").resolve(file));
            assertThat(a).as(file).isNotEmpty().isEqualTo(Files.readAllBytes(directory.resolve("b").resolve(file)));
            if (!file.equals(SampleColumns.DATASET_FILE)) {
                assertThat(a).as(file).isNotEqualTo(Files.readAllBytes(directory.resolve("c").resolve(file)));
            }
        }
    }

    /**
     * The files of a small world exactly as the simulator wrote them before it had any mechanism beyond
     * the four switches, pinned by the SHA-256 of each file's content (gzip files decompressed, so the
     * pin does not depend on the JDK's deflater). A change that moves a random stream or a formula of
     * the unchanged world fails here.
     */
    @Test
    void theWorldOfEarlierVersionsIsReproducedExactly() throws IOException {
        SimulatorConfig config = SimulatedData.plain().days(4).clicksPerDay(2_000).build();
        assertThat(contentHashes(config, directory.resolve("plain"))).isEqualTo(Map.of(
                "dataset.yaml", "f398ed01fb2a7dde1055535a29600361585e11f62bbadd897892549e2bd73f7c",
                "simulator.json", "71f6de8d441900ddf4fe4971a642a37b7c3cf5c53adcc87306b50c7212c11057",
                "train.csv.gz", "12c49c653035a1660caa72af17082b9ab681193da27c5967ac7466be40667224",
                "valid.csv.gz", "e3df21a6e1aae94073bf8922a5ab985d61d2ee27951deade718857341c13b864",
                "test.csv.gz", "952696e516f38af94fc6af2930771d1e55cf18f70b5ba786d763d44468cfb434",
                "truth.csv.gz", "480562096fec7660d6ab4102d01164d31ad56ff731dc17209c4112efcac85aaf",
                // Added after the others were pinned: the same world's true completeness, written out.
                "reporting.csv", "8275346e2f7d08aef009f90b9509cc80a28034fe8818feaad463d491154fe2f3"));
    }

    /** The same pin for the other branch of the click model and the other base rates. */
    @Test
    void theSwitchedOffWorldOfEarlierVersionsIsReproducedExactly() throws IOException {
        SimulatorConfig config = SimulatedData.plain().days(4).clicksPerDay(2_000)
                .noShift(true).noSkew(true).fullLabels(true).build();
        assertThat(contentHashes(config, directory.resolve("switched"))).isEqualTo(Map.of(
                "dataset.yaml", "f398ed01fb2a7dde1055535a29600361585e11f62bbadd897892549e2bd73f7c",
                "simulator.json", "6c3901a45738d5e49b85eb414e306bf312fba85f2307425f5084d992025a2423",
                "train.csv.gz", "0ef002da9854047ae7d62d0b89e9e4cc2cc3c64d69f5e2b321c43e7010b96c03",
                "valid.csv.gz", "7050288baf2d6dadedadbe35a6a463fbf91be36cf0454aaf37cac43722b0d9e6",
                "test.csv.gz", "205a85f60487fe7d0012842393e5b5309f3ceceebbae06713f6da38a81b021ff",
                "truth.csv.gz", "5ca712e0a58b2b9da5491a63c1d0d852ea9a0b0f3ff31f781803c938f9ece09f",
                "reporting.csv", "8275346e2f7d08aef009f90b9509cc80a28034fe8818feaad463d491154fe2f3"));
    }

    private static Map<String, String> contentHashes(SimulatorConfig config, Path out) throws IOException {
        new Simulator(config).run(out, false, (day, days) -> { });
        Map<String, String> hashes = new TreeMap<>();
        for (String file : OutputDirectory.fileNames()) {
            Path path = out.resolve(file);
            try (InputStream in = file.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(path))
                    : Files.newInputStream(path)) {
                hashes.put(file, sha256(in.readAllBytes()));
            }
        }
        return hashes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void progressIsReportedOncePerDayInOrder() throws IOException {
        StringBuilder seen = new StringBuilder();
        new Simulator(SimulatedData.small().days(3).clicksPerDay(100).build())
                .run(directory, false, (day, days) -> seen.append(day).append('/').append(days).append(' '));
        assertThat(seen.toString()).isEqualTo("0/3 1/3 2/3 ");
    }
}
