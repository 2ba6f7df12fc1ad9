package io.kaml.sim;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.kaml.data.Split;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.assertj.core.groups.Tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Each mechanism of issue 13 §2 changes what it models and nothing else, compared with the plain world of the same seed. */
class SimulatorMechanismTest {
    @TempDir
    static Path directory;

    static SimulatedData plain;

    @BeforeAll
    static void simulatePlain() {
        plain = SimulatedData.generate(SimulatedData.plain().build(), directory.resolve("plain"));
    }

    @Test
    void thePlainWorldReportsNoMechanism() {
        assertThat(plain.summary().effects().lines()).isEmpty();
    }

    @Test
    void definitionShiftMovesTheTrueProbabilitiesButNotTheClicksNorTheReportCoins() {
        SimulatedData shifted = SimulatedData.generate(SimulatedData.plain().definitionShift(1).build(),
                directory.resolve("shifted"));
        assertSameClicks(plain, shifted);
        assertSameReportingCoins(plain, shifted);
        List<NamedCsvRecord> before = plain.allSamples();
        List<NamedCsvRecord> after = shifted.allSamples();
        int moved = 0;
        for (int i = 0; i < before.size(); i++) {
            String p = SampleColumns.probability(Action.ACTIVATION);
            moved += plain.truthOf(before.get(i)).getField(p).equals(shifted.truthOf(after.get(i)).getField(p)) ? 0 : 1;
        }
        assertThat(moved).isGreaterThan(before.size() * 9 / 10);
        // Extended samples' probabilities are far from what the action's own targeters' definition gives.
        assertThat(shifted.summary().effects().definitions().orElseThrow().move()).hasSize(Action.COUNT)
                .allSatisfy(move -> assertThat(move).isGreaterThan(0.3));
        assertThat(shifted.summary().table()).contains("definition shift 1: extended samples' p_j");
        // The intercepts are calibrated again, so the base rates hold.
        for (Action action : Action.values()) {
            assertThat(meanProbability(shifted, action)).as(action.key())
                    .isBetween(0.9 * meanProbability(plain, action), 1.1 * meanProbability(plain, action));
        }
    }

    @Test
    void targetedDeliveryLiftsTheTargetOnDeliveredClicksBeyondWhatTheirFeaturesExplain() {
        SimulatedData targeted = SimulatedData.generate(SimulatedData.plain().targetedDelivery(1).build(),
                directory.resolve("targeted"));
        MechanismEffects.DeliveryEffect effect = targeted.summary().effects().delivery().orElseThrow();
        for (Action action : Action.values()) {
            assertThat(effect.deliveredRate().get(action.ordinal())).as(action.key())
                    .isGreaterThan(1.1 * effect.featureRate().get(action.ordinal()));
        }
        assertThat(targeted.summary().table()).contains("targeted delivery 1: target action's true rate");
        // In the files: activation converts more on the clicks of its own advertisers relative to the others'.
        assertThat(originalOverExtended(targeted, Action.ACTIVATION))
                .isGreaterThan(1.3 * originalOverExtended(plain, Action.ACTIVATION));
        // The intent is never logged, the world is the same, and the base rates hold.
        assertThat(targeted.sampleHeader()).isEqualTo(plain.sampleHeader());
        assertThat(targeted.truthHeader()).isEqualTo(plain.truthHeader());
        assertThat(targeted.summary().actions()).extracting(SimulationSummary.ActionSummary::targetingAdvertisers)
                .isEqualTo(plain.summary().actions().stream().map(SimulationSummary.ActionSummary::targetingAdvertisers).toList());
        for (Action action : Action.values()) {
            assertThat(meanProbability(targeted, action)).as(action.key())
                    .isBetween(0.9 * meanProbability(plain, action), 1.1 * meanProbability(plain, action));
        }
    }

    @Test
    void theLatentIntentLiftsTheTargetActionsLogitOnlyAndLeansPositive() {
        World world = World.create(SimulatedData.plain().targetedDelivery(1).build());
        SplittableRandom clicks = new SplittableRandom(5);
        SplittableRandom intents = new SplittableRandom(6);
        Click click = new Click();
        double[] conditional = new double[Action.COUNT];
        double[] marginal = new double[Action.COUNT];
        double[] plainConditional = new double[Action.COUNT];
        double liftSum = 0;
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            world.clicks.sample(clicks, intents, i % 7, click);
            world.funnel.probabilities(click, conditional, marginal);
            world.funnel.probabilities(click, ConversionFunnel.Variant.WITHOUT_INTENT, plainConditional, marginal);
            for (Action action : Action.values()) {
                int j = action.ordinal();
                if (action == click.target) {
                    assertThat(Math.signum(conditional[j] - plainConditional[j])).isEqualTo(Math.signum(click.targetLift));
                } else {
                    assertThat(conditional[j]).isEqualTo(plainConditional[j]);
                }
            }
            liftSum += click.targetLift;
        }
        assertThat(liftSum / n).isBetween(0.4, 1.2);
    }

    @Test
    void targetedDeliveryWithoutShiftStillGivesEveryIndustryTheSameUsers() {
        SimulatedData data = SimulatedData.generate(SimulatedData.plain().noShift(true).targetedDelivery(1).build(),
                directory.resolve("unshifted-targeted"));
        assertThat(SimulatorKnobTest.industryShift(data.allSamples())).isLessThan(0.04);
    }

    @Test
    void postbacksHideLateNonTargetConversionsAndNothingElse() {
        // Training days 0..2; a window of one day binds on days 0 and 1, the collection on day 2.
        SimulatedData delayed = SimulatedData.generate(SimulatedData.plain().postbackDelay(2).attributionWindow(1).build(),
                directory.resolve("delayed"));
        assertSameClicks(plain, delayed);
        List<NamedCsvRecord> before = plain.allSamples();
        List<NamedCsvRecord> after = delayed.allSamples();
        for (int i = 0; i < before.size(); i++) {
            assertThat(delayed.truthOf(after.get(i)).getFields()).isEqualTo(plain.truthOf(before.get(i)).getFields());
            String target = SampleColumns.label(Action.valueOf(after.get(i).getField(SampleColumns.TARGET).toUpperCase()));
            for (Action action : Action.values()) {
                String label = SampleColumns.label(action);
                if (label.equals(target)) {
                    assertThat(after.get(i).getField(label)).isEqualTo(before.get(i).getField(label));
                } else if (after.get(i).getField(label).equals("1")) {
                    assertThat(before.get(i).getField(label)).as("a report only postbacks can remove").isEqualTo("1");
                }
            }
        }
        assertThat(reportedShare(plain, 2) / reportedShare(plain, 0)).isBetween(0.8, 1.25);
        assertThat(reportedShare(delayed, 2) / reportedShare(delayed, 0)).isLessThan(0.75);
        // Geometric delays with mean 2: P(K <= 1) = 1 - (2/3)^2 within the window, P(K = 0) = 1/3 on the last day.
        MechanismEffects.PostbackEffect effect = delayed.summary().effects().postbacks().orElseThrow();
        assertThat(effect.arrivedByTrainDay()).hasSize(3);
        assertThat(effect.arrivedByTrainDay().getFirst()).isBetween(5 / 9.0 - 0.06, 5 / 9.0 + 0.06);
        assertThat(effect.arrivedByTrainDay().getLast()).isBetween(1 / 3.0 - 0.06, 1 / 3.0 + 0.06);
        assertThat(effect.arrived().get(Split.TEST)).isBetween(1 / 3.0 - 0.06, 1 / 3.0 + 0.06);
        assertThat(delayed.summary().table()).contains("postbacks, mean delay 2 d, window 1 d: ");
    }

    /** The share of the true conversions of non-target actions on a day that is reported. */
    static double reportedShare(SimulatedData data, int day) {
        long conversions = 0;
        long reports = 0;
        for (NamedCsvRecord row : data.allSamples()) {
            if (Integer.parseInt(row.getField(SampleColumns.DAY)) != day) {
                continue;
            }
            for (Action action : Action.values()) {
                String label = SampleColumns.label(action);
                if (!row.getField(SampleColumns.TARGET).equals(action.key()) && data.truthOf(row).getField(label).equals("1")) {
                    conversions++;
                    reports += row.getField(label).equals("1") ? 1 : 0;
                }
            }
        }
        return reports / (double) conversions;
    }

    /** Mean true probability of an action on its original samples over that on its extended ones. */
    static double originalOverExtended(SimulatedData data, Action action) {
        double[] sum = new double[2];
        long[] count = new long[2];
        for (NamedCsvRecord row : data.allSamples()) {
            int original = row.getField(SampleColumns.TARGET).equals(action.key()) ? 1 : 0;
            sum[original] += Double.parseDouble(data.truthOf(row).getField(SampleColumns.probability(action)));
            count[original]++;
        }
        return sum[1] / count[1] / (sum[0] / count[0]);
    }

    /** Every column but the labels is the same, row by row: the same clicks. */
    static void assertSameClicks(SimulatedData a, SimulatedData b) {
        List<NamedCsvRecord> rowsA = a.allSamples();
        List<NamedCsvRecord> rowsB = b.allSamples();
        assertThat(rowsB).hasSameSizeAs(rowsA);
        List<String> columns = a.sampleHeader().stream().filter(column -> !column.startsWith("y_")).toList();
        for (int i = 0; i < rowsA.size(); i++) {
            for (String column : columns) {
                if (!rowsB.get(i).getField(column).equals(rowsA.get(i).getField(column))) {
                    assertThat(rowsB.get(i).getField(column)).as("row %d, %s", i, column).isEqualTo(rowsA.get(i).getField(column));
                }
            }
        }
    }

    /**
     * The same advertisers report the same actions, and the same report coins fall: wherever a true label
     * is the same in both worlds, so is the observed one.
     */
    static void assertSameReportingCoins(SimulatedData a, SimulatedData b) {
        assertThat(b.summary().actions()).extracting(SimulationSummary.ActionSummary::reportingAdvertisers,
                SimulationSummary.ActionSummary::reliableAdvertisers)
                .isEqualTo(a.summary().actions().stream().map(s -> Tuple.tuple(
                        s.reportingAdvertisers(), s.reliableAdvertisers())).toList());
        List<NamedCsvRecord> rowsA = a.allSamples();
        List<NamedCsvRecord> rowsB = b.allSamples();
        for (int i = 0; i < rowsA.size(); i++) {
            for (Action action : Action.values()) {
                String label = SampleColumns.label(action);
                if (a.truthOf(rowsA.get(i)).getField(label).equals(b.truthOf(rowsB.get(i)).getField(label))) {
                    assertThat(rowsB.get(i).getField(label)).as(label).isEqualTo(rowsA.get(i).getField(label));
                }
            }
        }
    }

    static double meanProbability(SimulatedData data, Action action) {
        return data.truthById().values().stream()
                .mapToDouble(r -> Double.parseDouble(r.getField(SampleColumns.probability(action)))).average().orElseThrow();
    }
}
