package io.kaml.sim;

import io.kaml.data.Split;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** A simulator output read back into memory, for tests on small configs. */
record SimulatedData(Map<Split, List<NamedCsvRecord>> samples, Map<String, NamedCsvRecord> truthById,
                     List<String> sampleHeader, List<String> truthHeader, SimulationSummary summary) {

    /** A config small enough for a test, large enough for every mechanism to show. */
    static SimulatorConfig.Builder small() {
        return SimulatorConfig.builder().days(5).clicksPerDay(4_000).users(5_000).advertisers(60).ads(600);
    }

    /**
     * {@link #small()} with every mechanism of issue 13 §2 off, whatever the defaults: the world of earlier
     * versions, which each mechanism is compared against.
     */
    static SimulatorConfig.Builder plain() {
        return small().definitionShift(0).targetedDelivery(0).postbackDelay(0).attributionWindow(0);
    }

    static SimulatedData generate(SimulatorConfig config, Path directory) {
        try {
            SimulationSummary summary = new Simulator(config).run(directory, false, (day, days) -> { });
            return read(directory, summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SimulatedData read(Path directory, SimulationSummary summary) throws IOException {
        Map<Split, List<NamedCsvRecord>> samples = new EnumMap<>(Split.class);
        List<String> sampleHeader = null;
        for (Split split : Split.values()) {
            List<NamedCsvRecord> rows = readAll(directory.resolve(SampleColumns.fileName(split)));
            samples.put(split, rows);
            sampleHeader = header(directory.resolve(SampleColumns.fileName(split)));
        }
        Map<String, NamedCsvRecord> truth = new HashMap<>();
        for (NamedCsvRecord row : readAll(directory.resolve(SampleColumns.TRUTH_FILE))) {
            if (truth.put(row.getField(SampleColumns.ID), row) != null) {
                throw new IllegalStateException("duplicate truth row " + row.getField(SampleColumns.ID));
            }
        }
        return new SimulatedData(samples, truth, sampleHeader, header(directory.resolve(SampleColumns.TRUTH_FILE)),
                summary);
    }

    /** All sample rows, splits in time order. */
    List<NamedCsvRecord> allSamples() {
        List<NamedCsvRecord> all = new ArrayList<>();
        samples.values().forEach(all::addAll);
        return all;
    }

    NamedCsvRecord truthOf(NamedCsvRecord sample) {
        return truthById.get(sample.getField(SampleColumns.ID));
    }

    static List<NamedCsvRecord> readAll(Path file) throws IOException {
        try (Reader reader = gunzip(file); CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(reader)) {
            return csv.stream().toList();
        }
    }

    /** The first line of a file, split at commas (headers hold no quoted fields). */
    static List<String> header(Path file) throws IOException {
        try (BufferedReader reader = new BufferedReader(gunzip(file))) {
            return List.of(reader.readLine().split(",", -1));
        }
    }

    private static Reader gunzip(Path file) throws IOException {
        return new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8);
    }
}
