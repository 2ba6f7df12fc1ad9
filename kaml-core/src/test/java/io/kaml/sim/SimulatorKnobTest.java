package io.kaml.sim;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each knob switches its mechanism off, and only its mechanism. */
class SimulatorKnobTest {
    @TempDir
    static Path directory;

    static SimulatedData baseline;

    @BeforeAll
    static void simulateBaseline() {
        baseline = SimulatedData.generate(SimulatedData.small().build(), directory.resolve("baseline"));
    }

    @Test
    void reliableReportingMakesEveryObservedLabelTheTrueOne() {
        SimulatedData data = SimulatedData.generate(SimulatedData.small().reliableReporting(true).build(),
                directory.resolve("reliable"));
        assertObservedEqualsTruth(data);
        for (SimulationSummary.ActionSummary a : data.summary().actions()) {
            assertThat(a.reportingAdvertisers()).isEqualTo(60);
            assertThat(a.reliableAdvertisers()).isEqualTo(60);
        }
    }

    @Test
    void fullLabelsWritesTheTruthForTheSameClicksAsWithoutTheKnob() {
        SimulatedData oracle = SimulatedData.generate(SimulatedData.small().fullLabels(true).build(),
                directory.resolve("oracle"));
        assertObservedEqualsTruth(oracle);
        List<NamedCsvRecord> plain = baseline.allSamples();
        List<NamedCsvRecord> full = oracle.allSamples();
        assertThat(full).hasSameSizeAs(plain);
        for (int i = 0; i < plain.size(); i++) {
            for (String column : baseline.sampleHeader()) {
                if (!column.startsWith("y_")) {
                    assertThat(full.get(i).getField(column)).as(column).isEqualTo(plain.get(i).getField(column));
                }
            }
            assertThat(oracle.truthOf(full.get(i)).getFields()).isEqualTo(baseline.truthOf(plain.get(i)).getFields());
        }
        // The world's reporting policy is unchanged: the summary still tells who would report what.
        assertThat(oracle.summary().actions()).extracting(SimulationSummary.ActionSummary::reportingAdvertisers)
                .isEqualTo(baseline.summary().actions().stream()
                        .map(SimulationSummary.ActionSummary::reportingAdvertisers).toList());
        assertThat(baseline.summary().actions().get(Action.PURCHASE.ordinal()).reportingAdvertisers()).isLessThan(60);
    }

    @Test
    void noSkewBringsAllBaseRatesWithinAFactorOfTwoOfEachOther() {
        SimulatedData flat = SimulatedData.generate(SimulatedData.small().noSkew(true).build(),
                directory.resolve("flat"));
        assertThat(spread(flat.summary())).isLessThan(2.5);
        assertThat(spread(baseline.summary())).isGreaterThan(10);
    }

    @Test
    void noShiftGivesEveryIndustryTheSameUsers() {
        SimulatedData unshifted = SimulatedData.generate(SimulatedData.small().noShift(true).build(),
                directory.resolve("unshifted"));
        double shifted = industryShift(baseline.allSamples());
        double flat = industryShift(unshifted.allSamples());
        assertThat(shifted).isGreaterThan(0.08);
        assertThat(flat).isLessThan(0.04);
    }

    private static void assertObservedEqualsTruth(SimulatedData data) {
        long positives = 0;
        for (NamedCsvRecord row : data.allSamples()) {
            NamedCsvRecord truth = data.truthOf(row);
            for (Action action : Action.values()) {
                String column = SampleColumns.label(action);
                assertThat(row.getField(column)).as(column).isEqualTo(truth.getField(column));
                positives += row.getField(column).equals("1") ? 1 : 0;
            }
        }
        assertThat(positives).isPositive();
    }

    /** The largest true base rate over the smallest. */
    private static double spread(SimulationSummary summary) {
        double max = 0;
        double min = 1;
        for (SimulationSummary.ActionSummary a : summary.actions()) {
            max = Math.max(max, a.baseRate());
            min = Math.min(min, a.baseRate());
        }
        return max / min;
    }

    /**
     * How far each industry's users are from the overall users, by the total variation distance of
     * their age band, city tier and device, averaged over attributes and weighted over industries by
     * their number of samples.
     */
    static double industryShift(List<NamedCsvRecord> rows) {
        double total = 0;
        List<String> attributes = List.of("age_band", "city_tier", "device");
        for (String attribute : attributes) {
            Map<String, Map<String, Integer>> byIndustry = new HashMap<>();
            Map<String, Integer> overall = new HashMap<>();
            for (NamedCsvRecord row : rows) {
                String level = row.getField(attribute);
                overall.merge(level, 1, Integer::sum);
                byIndustry.computeIfAbsent(row.getField("industry"), k -> new HashMap<>()).merge(level, 1, Integer::sum);
            }
            for (Map<String, Integer> counts : byIndustry.values()) {
                int n = counts.values().stream().mapToInt(Integer::intValue).sum();
                double distance = 0;
                for (Map.Entry<String, Integer> level : overall.entrySet()) {
                    distance += Math.abs(counts.getOrDefault(level.getKey(), 0) / (double) n
                            - level.getValue() / (double) rows.size());
                }
                total += distance / 2 * n / rows.size();
            }
        }
        return total / attributes.size();
    }
}
