package io.kaml.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WeightInitTest {
    /** A miniature MMoE's parameters drawn from one seeded generator. */
    private static ParameterSet model(long seed) {
        ParameterSet parameters = new ParameterSet();
        var random = GradientCheck.random(seed);
        new Embedding(parameters, "embedding", new int[] {10, 20}, 4, 0.05f, random);
        new Dense(parameters, "expert0", 8, 16, WeightInit.HE_UNIFORM, random);
        new Dense(parameters, "expert1", 8, 16, WeightInit.HE_UNIFORM, random);
        new SoftmaxGate(parameters, "gate", 8, 2, random);
        return parameters;
    }

    @Test
    void sameSeedGivesBitIdenticalWeights() {
        ParameterSet a = model(42);
        ParameterSet b = model(42);
        List<Parameter> parameters = a.parameters();
        assertThat(b.parameters()).isEqualTo(parameters);
        for (Parameter parameter : parameters) {
            float[] x = a.values(parameter);
            float[] y = b.values(b.get(parameter.name()));
            for (int i = 0; i < x.length; i++) {
                assertThat(Float.floatToRawIntBits(y[i])).isEqualTo(Float.floatToRawIntBits(x[i]));
            }
        }
        ParameterSet other = model(43);
        assertThat(other.values(other.get("expert0.weight"))).isNotEqualTo(a.values(a.get("expert0.weight")));
    }

    @Test
    void everyLayerDrawsItsOwnWeightsWithinItsBound() {
        ParameterSet parameters = model(7);
        float[] first = parameters.values(parameters.get("expert0.weight"));
        float[] second = parameters.values(parameters.get("expert1.weight"));
        assertThat(first).isNotEqualTo(second);
        float bound = (float) Math.sqrt(6.0 / 8);
        float largest = 0;
        for (float w : first) {
            assertThat(Math.abs(w)).isLessThan(bound);
            largest = Math.max(largest, Math.abs(w));
        }
        assertThat(largest).isGreaterThan(bound / 2);
        assertThat(parameters.values(parameters.get("expert0.bias"))).containsOnly(0f);
    }
}
