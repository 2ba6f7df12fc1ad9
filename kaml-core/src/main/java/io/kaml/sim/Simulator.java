package io.kaml.sim;

import io.kaml.data.Split;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.siegmar.fastcsv.writer.CsvWriter;
import io.kaml.sim.RandomStreams.Purpose;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Generates a simulated dataset: builds the {@link World} from the config, then day by day draws
 * clicks, their true outcomes and what the advertisers report, and writes
 * {@code train/valid/test.csv.gz}, {@code truth.csv.gz}, {@code reporting.csv} (each advertiser's true reporting
 * completeness per action), {@code dataset.yaml} and {@code simulator.json} (the config, for provenance).
 *
 * <p>Sample ids are {@code day * clicksPerDay + index}, unique across splits. Every day draws from
 * its own seeded streams, so the files depend only on the config.
 */
public final class Simulator {
    /** Told after each simulated day; lets a caller show progress on long runs. */
    @FunctionalInterface
    public interface Progress {
        void dayDone(int day, int days);
    }

    private final SimulatorConfig config;

    public Simulator(SimulatorConfig config) {
        this.config = config;
    }

    /**
     * Writes the dataset into {@code directory}.
     *
     * @param force write into a non-empty directory that is not a previous simulator output
     * @throws java.nio.file.FileAlreadyExistsException when the directory is not usable without {@code force}
     */
    public SimulationSummary run(Path directory, boolean force, Progress progress) throws IOException {
        OutputDirectory.prepare(directory, force);
        World world = World.create(config);
        SampleRows rows = new SampleRows(world);
        RandomStreams streams = new RandomStreams(config.seed());
        SimulationSummary.Tally tally = new SimulationSummary.Tally();
        MechanismTally effects = new MechanismTally(config, world.funnel);
        Map<Split, GzipCsvFile> sampleFiles = new EnumMap<>(Split.class);
        try (GzipCsvFile train = GzipCsvFile.create(directory, SampleColumns.fileName(Split.TRAIN), SampleColumns.sampleHeader());
             GzipCsvFile valid = GzipCsvFile.create(directory, SampleColumns.fileName(Split.VALID), SampleColumns.sampleHeader());
             GzipCsvFile test = GzipCsvFile.create(directory, SampleColumns.fileName(Split.TEST), SampleColumns.sampleHeader());
             GzipCsvFile truth = GzipCsvFile.create(directory, SampleColumns.TRUTH_FILE, SampleColumns.truthHeader())) {
            sampleFiles.put(Split.TRAIN, train);
            sampleFiles.put(Split.VALID, valid);
            sampleFiles.put(Split.TEST, test);
            for (int day = 0; day < config.days(); day++) {
                Split split = config.splitOf(day);
                simulateDay(world, rows, streams, day, sampleFiles.get(split).csv(), truth.csv(), tally, effects);
                progress.dayDone(day, config.days());
            }
            for (GzipCsvFile file : sampleFiles.values()) {
                file.finish();
            }
            truth.finish();
        }
        OutputDirectory.writeText(directory, SampleColumns.REPORTING_FILE, world.reporting.csv(world.catalog));
        OutputDirectory.writeText(directory, SampleColumns.CONFIG_FILE, configJson());
        OutputDirectory.writeText(directory, SampleColumns.DATASET_FILE, SampleColumns.datasetYaml());
        return tally.summarise(world, effects.summarise());
    }

    private void simulateDay(World world, SampleRows rows, RandomStreams streams, int day, CsvWriter samples,
                             CsvWriter truth, SimulationSummary.Tally tally, MechanismTally effects) {
        RandomGenerator clickRng = streams.forDay(Purpose.CLICKS, day);
        RandomGenerator intentRng = streams.forDay(Purpose.INTENTS, day);
        RandomGenerator outcomeRng = streams.forDay(Purpose.OUTCOMES, day);
        RandomGenerator reportRng = streams.forDay(Purpose.REPORTS, day);
        RandomGenerator postbackRng = streams.forDay(Purpose.POSTBACKS, day);
        Split split = config.splitOf(day);
        int weekday = day % Attribute.WEEKDAY.levelCount();
        Click click = new Click();
        double[] conditional = new double[Action.COUNT];
        double[] marginal = new double[Action.COUNT];
        boolean[] trueLabels = new boolean[Action.COUNT];
        boolean[] observed = new boolean[Action.COUNT];
        boolean[] arrived = new boolean[Action.COUNT];
        long firstId = (long) day * config.clicksPerDay();
        for (int i = 0; i < config.clicksPerDay(); i++) {
            world.clicks.sample(clickRng, intentRng, weekday, click);
            world.funnel.probabilities(click, conditional, marginal);
            ConversionFunnel.sampleLabels(conditional, outcomeRng, trueLabels);
            world.reporting.observe(click.advertiser, trueLabels, reportRng, observed);
            world.postbacks.arrivals(day, click.target, postbackRng, arrived);
            for (int j = 0; j < Action.COUNT; j++) {
                observed[j] &= arrived[j];
            }
            boolean[] written = config.fullLabels() ? trueLabels : observed;
            String id = Long.toString(firstId + i);
            rows.writeSample(samples, id, day, click, written);
            SampleRows.writeTruth(truth, id, split, marginal, trueLabels);
            tally.add(split, click.target, trueLabels, written);
            effects.add(day, click, marginal, trueLabels, observed, arrived);
        }
    }

    /** The {@code simulator.json} this simulator writes: its full config, for provenance and reuse checks. */
    public String configJson() throws IOException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(config) + "\n";
    }
}
