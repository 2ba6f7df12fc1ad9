package io.kaml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaml.train.Preset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossConfigTest {
    @Test
    void jsonRoundTrips() {
        LossConfig config = new LossConfig(LabelMask.Kind.ADM, List.of(3L, 4L, 5L), 7, true,
                new PairwiseRankingLoss.Config(false, true, true, 4), 0.6);
        assertThat(LossConfig.fromJson(config.toJson())).isEqualTo(config);
        LossConfig twin = config.withPointwise(true);
        assertThat(twin.toJson().get("ranking_form").asText()).isEqualTo("pointwise");
        assertThat(LossConfig.fromJson(twin.toJson())).isEqualTo(twin);
        LossConfig reliable = config.with(LabelMask.Kind.RELIABLE, false).withReliability(new ReportCompleteness.Rule(0.7, 0.8));
        assertThat(reliable.toJson().get("reliable_threshold").asDouble()).isEqualTo(0.7);
        assertThat(LossConfig.fromJson(reliable.toJson())).isEqualTo(reliable);
        LossConfig within = config.withPairsWithinAdvertiser(true);
        assertThat(within.toJson().get("pair_partners").asText()).isEqualTo("advertiser");
        assertThat(LossConfig.fromJson(within.toJson())).isEqualTo(within);
    }

    @Test
    void alphaBroadcastsOrMustMatchTheActions() {
        assertThat(LossConfig.defaults().alpha(3)).containsExactly(10, 10, 10);
        LossConfig perAction = new LossConfig(LabelMask.Kind.ADM, List.of(1L, 2L), 0, false, PairwiseRankingLoss.Config.defaults(), 1);
        assertThat(perAction.alpha(2)).containsExactly(1, 2);
        assertThatThrownBy(() -> perAction.alpha(5)).hasMessageContaining("'adm_alpha' has 2 values for 5 actions");
    }

    @Test
    void badValuesNameTheKey() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> LossConfig.fromJson(json.readTree("{\"gama\": 0.5}"))).hasMessageContaining("unknown loss key 'gama'");
        assertThatThrownBy(() -> LossConfig.fromJson(json.readTree("{\"gamma\": 1.5}"))).hasMessageContaining("'gamma' must be in [0, 1]");
        assertThatThrownBy(() -> LossConfig.fromJson(json.readTree("{\"ranking_form\": \"listwise\"}")))
                .hasMessageContaining("loss key 'ranking_form' must be pairwise or pointwise, got 'listwise'");
        assertThatThrownBy(() -> LossConfig.fromJson(json.readTree("{\"pair_partners\": \"all\"}")))
                .hasMessageContaining("loss key 'pair_partners' must be batch or advertiser, got 'all'");
        assertThatThrownBy(() -> LossConfig.fromJson(json.readTree("{\"adm_alpha\": [0]}"))).hasMessageContaining("'adm_alpha'");
        assertThatThrownBy(() -> LossConfig.fromJson(json.readTree("{\"adm_window\": -2}"))).hasMessageContaining("'adm_window'");
        assertThatThrownBy(() -> LossConfig.fromJson(json.readTree("{\"reliable_threshold\": 1.5}"))).hasMessageContaining("'reliable_threshold'");
        assertThatThrownBy(() -> LossConfig.fromJson(json.readTree("{\"reliable_credibility\": 0}"))).hasMessageContaining("'reliable_credibility'");
        assertThatThrownBy(() -> LossConfig.fromJson(json.readTree("{\"mask\": \"reliable\"}")).labelMask(() -> null, 3))
                .hasMessageContaining("the reliable mask needs a first-stage model");
        assertThatThrownBy(() -> LossConfig.fromJson(json.readTree("{\"pairs_per_positive\": 0}"))).hasMessageContaining("'pairs_per_positive'");
        assertThatThrownBy(() -> LossConfig.fromJson(json.readTree(
                "{\"ranking\": true, \"pair_a_over_b\": false, \"pair_a_over_c\": false, \"pair_c_over_b\": false}")))
                .hasMessageContaining("every pair kind is off");
    }

    @Test
    void presetsSwitchTheMechanisms() {
        LossConfig tuned = LossConfig.defaults();
        assertThat(Preset.BASE.loss(tuned).mask()).isEqualTo(LabelMask.Kind.TARGET);
        assertThat(Preset.ALL.loss(tuned).mask()).isEqualTo(LabelMask.Kind.ALL);
        assertThat(Preset.ADM.loss(tuned).mask()).isEqualTo(LabelMask.Kind.ADM);
        assertThat(Preset.parse("reliable").loss(tuned).mask()).isEqualTo(LabelMask.Kind.RELIABLE);
        assertThat(Preset.RELIABLE.loss(tuned).ranking()).isFalse();
        assertThat(Preset.RELIABLE.model(io.kaml.model.ModelConfig.reference()).hke()).isFalse();
        assertThat(Preset.ADM_HKE.model(io.kaml.model.ModelConfig.reference()).hke()).isTrue();
        assertThat(Preset.ADM.model(io.kaml.model.ModelConfig.reference()).hke()).isFalse();
        assertThat(Preset.KAML.loss(tuned).ranking()).isTrue();
        assertThat(Preset.ADM_HKE.loss(tuned).ranking()).isFalse();
        assertThat(Preset.parse("adm+hke")).isEqualTo(Preset.ADM_HKE);
        // The controls: RLU without HKE; HKE's tower without routing; kaml's pairs scored pointwise.
        io.kaml.model.ModelConfig reference = io.kaml.model.ModelConfig.reference();
        assertThat(Preset.parse("adm+rlu").model(reference).hke()).isFalse();
        assertThat(Preset.ADM_RLU.loss(tuned).ranking()).isTrue();
        assertThat(Preset.ADM_RLU.loss(tuned).pairs().pointwise()).isFalse();
        assertThat(Preset.parse("adm+hke-fixed").model(reference).hke()).isTrue();
        assertThat(Preset.ADM_HKE_FIXED.model(reference).hkeRouted()).isFalse();
        assertThat(Preset.ADM_HKE_FIXED.loss(tuned).ranking()).isFalse();
        assertThat(Preset.KAML.model(reference).hkeRouted()).isTrue();
        assertThat(Preset.parse("adm+hke+weighted").loss(tuned).pairs().pointwise()).isTrue();
        assertThat(Preset.ADM_HKE_WEIGHTED.loss(tuned).ranking()).isTrue();
        assertThat(Preset.KAML.loss(tuned).pairs().pointwise()).isFalse();
        assertThatThrownBy(() -> Preset.parse("kaml2")).hasMessageContaining("unknown preset 'kaml2'");
    }
}
