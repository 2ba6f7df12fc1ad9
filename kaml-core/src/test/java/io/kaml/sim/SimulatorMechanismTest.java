package io.kaml.sim;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
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
        assertThat(shifted.summary().effects().definitionMove()).hasSize(Action.COUNT)
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
        MechanismEffects effects = targeted.summary().effects();
        for (Action action : Action.values()) {
            assertThat(effects.deliveredRate().get(action.ordinal())).as(action.key())
                    .isGreaterThan(1.1 * effects.featureRate().get(action.ordinal()));
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
        for (int i = 0; i < rowsA.size(); i++) {
            for (String column : a.sampleHeader()) {
                if (!column.startsWith("y_")) {
                    assertThat(rowsB.get(i).getField(column)).as(column).isEqualTo(rowsA.get(i).getField(column));
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
