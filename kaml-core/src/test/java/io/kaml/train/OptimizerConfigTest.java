package io.kaml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptimizerConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void defaultsAreAdamsUsualConstantsWithLazyAdamAndNoExtras() {
        OptimizerConfig d = OptimizerConfig.defaults();
        assertThat(d).isEqualTo(new OptimizerConfig(1e-3, 1e-3, 0.9, 0.999, 1e-8, EmbeddingOptimizer.LAZY_ADAM, 0, 0));
        assertThat(d.clipsGradients()).isFalse();
        assertThat(OptimizerConfig.fromJson(JSON.createObjectNode())).isEqualTo(d);
    }

    @Test
    void jsonRoundTripsEveryKey() throws Exception {
        OptimizerConfig config = new OptimizerConfig(0.002, 0.05, 0.8, 0.99, 1e-6, EmbeddingOptimizer.ADAGRAD, 1e-5, 2.5);
        ObjectNode json = config.toJson();
        assertThat(json.fieldNames()).toIterable().containsExactly("lr", "embedding_lr", "beta1", "beta2", "epsilon",
                "embedding_optimizer", "embedding_l2", "clip_global_norm");
        assertThat(json.get("embedding_optimizer").textValue()).isEqualTo("adagrad");
        assertThat(OptimizerConfig.fromJson(JSON.readTree(JSON.writeValueAsString(json)))).isEqualTo(config);
        assertThat(config.clipsGradients()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "{\"lr\": -1}; optimizer key 'lr' must be > 0, got -1",
            "{\"embedding_lr\": 0}; optimizer key 'embedding_lr' must be > 0, got 0",
            "{\"beta1\": 1}; optimizer key 'beta1' must be in [0, 1), got 1",
            "{\"beta2\": -0.5}; optimizer key 'beta2' must be in [0, 1), got -0.5",
            "{\"epsilon\": 0}; optimizer key 'epsilon' must be > 0, got 0",
            "{\"embedding_l2\": -0.1}; optimizer key 'embedding_l2' must be >= 0, got -0.1",
            "{\"clip_global_norm\": -3}; optimizer key 'clip_global_norm' must be >= 0, got -3",
            "{\"embedding_optimizer\": \"sgd\"}; optimizer key 'embedding_optimizer' must be one of [lazy_adam, adagrad], got 'sgd'",
            "{\"embedding_optimizer\": 3}; optimizer key 'embedding_optimizer' must be a string, got 3",
            "{\"lr\": \"fast\"}; optimizer key 'lr' must be a number, got \"fast\"",
            "{\"learning_rate\": 0.1}; unknown optimizer key 'learning_rate'",
            "[]; optimizer config must be a JSON object"})
    void errorsNameTheKey(String json, String message) throws Exception {
        assertThatThrownBy(() -> OptimizerConfig.fromJson(JSON.readTree(json)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void constructorRejectsNonFiniteValues() {
        assertThatThrownBy(() -> new OptimizerConfig(Double.NaN, 1, 0.9, 0.999, 1e-8, EmbeddingOptimizer.LAZY_ADAM, 0, 0))
                .hasMessage("optimizer key 'lr' must be > 0, got NaN");
        assertThatThrownBy(() -> new OptimizerConfig(1, 1, 0.9, 0.999, 1e-8, EmbeddingOptimizer.LAZY_ADAM, 0, Double.POSITIVE_INFINITY))
                .hasMessage("optimizer key 'clip_global_norm' must be >= 0, got Infinity");
        assertThatThrownBy(() -> new OptimizerConfig(1, 1, 0.9, 0.999, 1e-8, null, 0, 0))
                .hasMessageContaining("'embedding_optimizer'");
    }
}
