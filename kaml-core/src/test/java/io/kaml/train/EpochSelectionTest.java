package io.kaml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kaml.eval.MetricsReport;
import io.kaml.eval.MetricsReport.ActionMetrics;
import io.kaml.eval.MetricsReport.AllMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpochSelectionTest {
    private static MetricsReport report(double all, double... actionAucs) {
        Map<String, ActionMetrics> actions = new LinkedHashMap<>();
        for (int j = 0; j < actionAucs.length; j++) {
            actions.put("a" + j, new ActionMetrics(actionAucs[j], 0.5, 100, 10));
        }
        return new MetricsReport(actions, new AllMetrics(all, 0.5, 300), 0.7, null);
    }

    @Test
    void theMeanActionScoreAveragesTheDefinedPerActionAucsAndAllIsThePooledOne() {
        // (0.8 + 0.6) / 2; the action without both classes (NaN) is left out.
        MetricsReport v = report(0.9, 0.8, Double.NaN, 0.6);
        assertThat(EpochSelection.MEAN_ACTION.score(v)).isCloseTo(0.7, within(1e-12));
        assertThat(EpochSelection.ALL.score(v)).isEqualTo(0.9);
        assertThat(EpochSelection.MEAN_ACTION.score(report(0.9, Double.NaN))).isNaN();
    }

    @Test
    void keysParseAndTheConfigKeepsItsSelectionThroughJson() {
        assertThat(EpochSelection.parse("mean-action")).isEqualTo(EpochSelection.MEAN_ACTION);
        assertThatThrownBy(() -> EpochSelection.parse("best")).hasMessageContaining("training key 'select_by' must be one of [all, mean-action], got 'best'");
        TrainConfig config = new TrainConfig(3, 64, 1, 5, 2, 0, 0, EpochSelection.MEAN_ACTION);
        assertThat(TrainConfig.fromJson(config.toJson())).isEqualTo(config);
        assertThat(TrainConfig.fromJson(config.toJson().without("select_by")).selectBy()).isEqualTo(EpochSelection.ALL);
    }
}
