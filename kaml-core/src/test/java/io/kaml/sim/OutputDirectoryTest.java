package io.kaml.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputDirectoryTest {
    @TempDir
    Path directory;

    private final Simulator tiny = new Simulator(SimulatedData.small().days(3).clicksPerDay(50).build());

    @Test
    void createsAMissingDirectory() throws IOException {
        Path out = directory.resolve("new/nested");
        tiny.run(out, false, (day, days) -> { });
        assertThat(out.resolve("train.csv.gz")).isRegularFile();
    }

    @Test
    void overwritesAPreviousSimulatorOutput() throws IOException {
        tiny.run(directory, false, (day, days) -> { });
        Files.writeString(directory.resolve(".truth.csv.gz.tmp"), "left over by a crash");
        new Simulator(SimulatedData.small().days(3).clicksPerDay(60).build()).run(directory, false, (day, days) -> { });
        assertThat(SimulatedData.readAll(directory.resolve("train.csv.gz"))).hasSize(60);
    }

    @Test
    void refusesAForeignNonEmptyDirectoryUnlessForced() throws IOException {
        Files.writeString(directory.resolve("notes.txt"), "mine");
        Files.writeString(directory.resolve("train.csv.gz"), "a real dataset");
        assertThatThrownBy(() -> tiny.run(directory, false, (day, days) -> { }))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("not a previous simulator output");
        assertThat(Files.readString(directory.resolve("train.csv.gz"))).isEqualTo("a real dataset");

        tiny.run(directory, true, (day, days) -> { });
        assertThat(Files.readString(directory.resolve("notes.txt"))).isEqualTo("mine");
        assertThat(SimulatedData.readAll(directory.resolve("train.csv.gz"))).hasSize(50);
    }

    @Test
    void refusesADirectoryOfSimulatorNamesWithoutTheProvenanceFile() throws IOException {
        Files.writeString(directory.resolve("dataset.yaml"), "actions: [a]\n");
        assertThatThrownBy(() -> tiny.run(directory, false, (day, days) -> { }))
                .isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void refusesAFile() throws IOException {
        Path file = Files.writeString(directory.resolve("out"), "x");
        assertThatThrownBy(() -> tiny.run(file, true, (day, days) -> { })).isInstanceOf(NotDirectoryException.class);
    }
}
