package io.kaml.train;

import io.kaml.data.BadRowPolicy;
import io.kaml.data.Dataset;
import io.kaml.data.DatasetSpecParser;
import io.kaml.sim.Simulator;
import io.kaml.sim.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small simulated dataset with 1,000 buckets per field, for tests that train. */
final class TinyWorld {
    private TinyWorld() {
    }

    static Dataset create(Path dir, int days, int clicksPerDay) {
        try {
            new Simulator(SimulatorConfig.DEFAULT.toBuilder().days(days).clicksPerDay(clicksPerDay).users(2000)
                    .advertisers(40).ads(200).build()).run(dir, false, (day, total) -> { });
            Path yaml = dir.resolve("dataset.yaml");
            Files.writeString(yaml, Files.readString(yaml) + "encoding: {buckets: 1000}\n");
            return Dataset.load(DatasetSpecParser.parse(yaml), BadRowPolicy.FAIL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
