package io.kaml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaml.train.LearningRateSchedule.Constant;
import io.kaml.train.LearningRateSchedule.WarmupCosine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LearningRateScheduleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void constantWarmsUpLinearlyThenHoldsOne() {
        Constant schedule = new Constant(4);
        // (s + 1) / 4 for s < 4.
        assertThat(schedule.scale(0)).isEqualTo(0.25f);
        assertThat(schedule.scale(2)).isEqualTo(0.75f);
        assertThat(schedule.scale(3)).isEqualTo(1f);
        assertThat(schedule.scale(1_000_000)).isEqualTo(1f);
        assertThat(LearningRateSchedule.constant().scale(0)).isEqualTo(1f);
    }

    @Test
    void cosineDecaysFromOneToTheFloorAfterWarmUp() {
        WarmupCosine schedule = new WarmupCosine(10, 110, 0.1);
        assertThat(schedule.scale(0)).isEqualTo(0.1f);
        assertThat(schedule.scale(9)).isEqualTo(1f);
        // Step 10 starts the decay at progress 0: 0.1 + 0.9 · (1 + cos 0) / 2 = 1.
        assertThat(schedule.scale(10)).isEqualTo(1f);
        // Progress 25/100: 0.1 + 0.45 · (1 + cos(π/4)) = 0.1 + 0.45 · 1.707106781 = 0.868198052.
        assertThat(schedule.scale(35)).isCloseTo(0.868198052f, within(1e-7f));
        // Progress 1/2: 0.1 + 0.45 · (1 + 0) = 0.55.
        assertThat(schedule.scale(60)).isCloseTo(0.55f, within(1e-7f));
        assertThat(schedule.scale(110)).isCloseTo(0.1f, within(1e-7f));
        assertThat(schedule.scale(5_000)).isCloseTo(0.1f, within(1e-7f));
        assertThat(new WarmupCosine(0, 2, 0).scale(1)).isCloseTo(0.5f, within(1e-7f));
        assertThatThrownBy(() -> schedule.scale(-1)).hasMessageContaining("step must be >= 0");
    }

    @Test
    void jsonRoundTripsBothKinds() throws Exception {
        for (LearningRateSchedule schedule : new LearningRateSchedule[] {new Constant(3), new WarmupCosine(5, 500, 0.05)}) {
            String text = JSON.writeValueAsString(schedule.toJson());
            assertThat(LearningRateSchedule.fromJson(JSON.readTree(text))).isEqualTo(schedule);
        }
        assertThat(LearningRateSchedule.fromJson(JSON.readTree("{\"kind\": \"cosine\", \"total_steps\": 9}")))
                .isEqualTo(new WarmupCosine(0, 9, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "{\"kind\": \"step\"}; schedule key 'kind' must be \"constant\" or \"cosine\", got \"step\"",
            "{}; schedule key 'kind' must be",
            "{\"kind\": \"constant\", \"warmup_steps\": -1}; schedule key 'warmup_steps' must be >= 0, got -1",
            "{\"kind\": \"constant\", \"warmup_steps\": 1.5}; schedule key 'warmup_steps' must be an integer, got 1.5",
            "{\"kind\": \"constant\", \"floor\": 0.1}; unknown schedule key 'floor' for kind constant",
            "{\"kind\": \"cosine\"}; schedule key 'total_steps' is required for kind cosine",
            "{\"kind\": \"cosine\", \"warmup_steps\": 10, \"total_steps\": 10}; schedule key 'total_steps' must be >= 11, got 10",
            "{\"kind\": \"cosine\", \"total_steps\": 10, \"floor\": 2}; schedule key 'floor' must be in [0, 1], got 2.0",
            "{\"kind\": \"cosine\", \"total_steps\": 10, \"floor\": \"low\"}; schedule key 'floor' must be a number"})
    void errorsNameTheKey(String json, String message) throws Exception {
        assertThatThrownBy(() -> LearningRateSchedule.fromJson(JSON.readTree(json)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}
