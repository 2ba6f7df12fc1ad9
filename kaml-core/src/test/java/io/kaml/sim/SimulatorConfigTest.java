package io.kaml.sim;

import io.kaml.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorConfigTest {

    @Test
    void defaultsDescribeFourWeeksOfTrainingThenOneValidationAndOneTestDay() {
        SimulatorConfig config = SimulatorConfig.DEFAULT;
        assertThat(config.days()).isEqualTo(30);
        assertThat(config.clicksPerDay()).isEqualTo(20_000);
        assertThat(config.trainDays()).isEqualTo(28);
        assertThat(config.splitOf(0)).isEqualTo(Split.TRAIN);
        assertThat(config.splitOf(27)).isEqualTo(Split.TRAIN);
        assertThat(config.splitOf(28)).isEqualTo(Split.VALID);
        assertThat(config.splitOf(29)).isEqualTo(Split.TEST);
        assertThat(config.samples()).isEqualTo(600_000L);
        assertThat(config.noShift() || config.reliableReporting() || config.noSkew() || config.fullLabels()).isFalse();
    }

    @Test
    void splitsFollowTheValidAndTestDayCounts() {
        SimulatorConfig config = SimulatorConfig.builder().days(10).validDays(2).testDays(3).build();
        assertThat(java.util.stream.IntStream.range(0, 10).mapToObj(config::splitOf).toList()).containsExactly(
                Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TRAIN,
                Split.VALID, Split.VALID, Split.TEST, Split.TEST, Split.TEST);
    }

    @Test
    void eachSplitEndsOnItsLastDay() {
        SimulatorConfig config = SimulatorConfig.builder().days(10).validDays(2).testDays(3).build();
        assertThat(config.lastDay(Split.TRAIN)).isEqualTo(4);
        assertThat(config.lastDay(Split.VALID)).isEqualTo(6);
        assertThat(config.lastDay(Split.TEST)).isEqualTo(9);
    }

    @Test
    void builderChecksOnlyTheFinalValuesSoCallOrderIsFree() {
        SimulatorConfig config = SimulatorConfig.builder().advertisers(5_000).ads(6_000).build();
        assertThat(config.advertisers()).isEqualTo(5_000);
        assertThat(config.toBuilder().seed(9).build()).isEqualTo(config.toBuilder().seed(9).build())
                .isNotEqualTo(config);
    }

    static Stream<Arguments> badKnobs() {
        return Stream.of(
                bad("days", b -> b.days(0)),
                bad("days", b -> b.days(2)),
                bad("days", b -> b.days(4).validDays(2).testDays(2)),
                bad("clicksPerDay", b -> b.clicksPerDay(0)),
                bad("validDays", b -> b.validDays(0)),
                bad("testDays", b -> b.testDays(-1)),
                bad("users", b -> b.users(0)),
                bad("advertisers", b -> b.advertisers(4)),
                bad("ads", b -> b.advertisers(100).ads(99)),
                bad("definitionShift", b -> b.definitionShift(-0.1)),
                bad("definitionShift", b -> b.definitionShift(Double.NaN)),
                bad("definitionShift", b -> b.definitionShift(5.5)),
                bad("targetedDelivery", b -> b.targetedDelivery(-1)),
                bad("targetedDelivery", b -> b.targetedDelivery(Double.NaN)),
                bad("targetedDelivery", b -> b.targetedDelivery(Double.POSITIVE_INFINITY)),
                bad("postbackDelay", b -> b.postbackDelay(-1)),
                bad("postbackDelay", b -> b.postbackDelay(Double.NaN)),
                bad("postbackDelay", b -> b.postbackDelay(4_000)),
                bad("attributionWindow", b -> b.attributionWindow(-1)));
    }

    private static Arguments bad(String knob, UnaryOperator<SimulatorConfig.Builder> change) {
        return Arguments.of(knob, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badKnobs")
    void rejectsABadValueNamingTheKnob(String knob, UnaryOperator<SimulatorConfig.Builder> change) {
        assertThatThrownBy(() -> change.apply(SimulatorConfig.builder()).build())
                .isInstanceOfSatisfying(InvalidKnobException.class, e -> assertThat(e.knob()).isEqualTo(knob))
                .hasMessageStartingWith(knob + ": ");
    }
}
