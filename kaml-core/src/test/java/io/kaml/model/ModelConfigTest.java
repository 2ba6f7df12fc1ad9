package io.kaml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ModelConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode parse(String json) throws Exception {
        return JSON.readTree(json);
    }

    @ParameterizedTest
    @EnumSource(BackboneKind.class)
    void jsonRoundTripKeepsEveryField(BackboneKind kind) throws Exception {
        ModelConfig config = new ModelConfig(kind, 8, 5, List.of(32, 16, 8), List.of(12, 6), 3, 0, 2);
        String text = JSON.writeValueAsString(config.toJson());
        assertThat(ModelConfig.fromJson(parse(text))).isEqualTo(config);
        ModelConfig fixed = config.withHke(true, false);
        assertThat(ModelConfig.fromJson(parse(JSON.writeValueAsString(fixed.toJson())))).isEqualTo(fixed);
    }

    @Test
    void jsonUsesTheDocumentedKeys() {
        assertThat(ModelConfig.reference().toJson().fieldNames()).toIterable().containsExactly("backbone",
                "embedding_dim", "experts", "expert_hidden", "tower_hidden", "ple_levels", "ple_shared", "ple_specific", "hke", "hke_width", "hke_routed");
        assertThat(ModelConfig.reference().withBackbone(BackboneKind.PLE).toJson().get("backbone").asText())
                .isEqualTo("ple");
    }

    @Test
    void missingKeysTakeTheReferenceValues() throws Exception {
        assertThat(ModelConfig.fromJson(parse("{}"))).isEqualTo(ModelConfig.reference());
        assertThat(ModelConfig.fromJson(parse("{\"backbone\": \"ple\", \"ple_levels\": 3}")))
                .isEqualTo(new ModelConfig(BackboneKind.PLE, 16, 4, List.of(128, 64), List.of(32), 3, 2, 1));
    }

    @Test
    void anEmptyTowerGoesStraightToTheLogit() throws Exception {
        assertThat(ModelConfig.fromJson(parse("{\"tower_hidden\": []}")).towerHidden()).isEmpty();
    }

    @Test
    void anUnknownKeyIsNamed() {
        assertThatThrownBy(() -> ModelConfig.fromJson(parse("{\"experts\": 4, \"expert_count\": 4}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'expert_count'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            embedding_dim | {"embedding_dim": 0}
            embedding_dim | {"embedding_dim": "16"}
            embedding_dim | {"embedding_dim": 1.5}
            experts       | {"experts": -1}
            expert_hidden | {"expert_hidden": []}
            expert_hidden | {"expert_hidden": [64, 0]}
            expert_hidden | {"expert_hidden": 64}
            expert_hidden | {"expert_hidden": [64, "32"]}
            tower_hidden  | {"tower_hidden": [0]}
            ple_levels    | {"ple_levels": 0}
            ple_shared    | {"ple_shared": -1}
            ple_specific  | {"ple_specific": 0}
            hke           | {"hke": "yes"}
            hke_width     | {"hke_width": 0}
            hke_routed    | {"hke_routed": 1}
            backbone      | {"backbone": "moe"}
            """)
    void aBadValueNamesItsKey(String key, String json) {
        assertThatThrownBy(() -> ModelConfig.fromJson(parse(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key);
    }

    @Test
    void anUnknownBackboneListsTheKnownOnes() {
        assertThatThrownBy(() -> ModelConfig.fromJson(parse("{\"backbone\": \"moe\"}")))
                .hasMessageContaining("'moe'")
                .hasMessageContaining("mmoe")
                .hasMessageContaining("ple");
    }
}
