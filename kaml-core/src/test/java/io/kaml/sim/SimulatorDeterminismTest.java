package io.kaml.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    @Test
    void progressIsReportedOncePerDayInOrder() throws IOException {
        StringBuilder seen = new StringBuilder();
        new Simulator(SimulatedData.small().days(3).clicksPerDay(100).build())
                .run(directory, false, (day, days) -> seen.append(day).append('/').append(days).append(' '));
        assertThat(seen.toString()).isEqualTo("0/3 1/3 2/3 ");
    }
}
