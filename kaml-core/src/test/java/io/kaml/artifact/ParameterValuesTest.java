package io.kaml.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterValuesTest {
    @Test
    void aSnapshotTakenAgainReusesItsArraysAndHoldsTheNewValues() {
        ParameterSet set = new ParameterSet();
        Parameter w = set.addDense("w", 2, 3);
        Parameter e = set.addSparse("e", 4, 2);
        Arrays.fill(set.values(w), 1f);
        Arrays.fill(set.values(e), 2f);
        List<Tensor> first = ParameterValues.copy(set);
        float[] firstW = first.get(0).data();
        Arrays.fill(set.values(w), 3f);
        set.values(e)[5] = 7f;
        List<Tensor> again = ParameterValues.copyInto(set, first);
        assertThat(again).isSameAs(first);
        assertThat(again.get(0).data()).isSameAs(firstW).containsOnly(3f);
        assertThat(again.get(1).data()).isEqualTo(set.values(e)).isNotSameAs(set.values(e));
        // No previous snapshot, or one of another model: a fresh copy.
        assertThat(ParameterValues.copyInto(set, null)).isNotSameAs(first);
        ParameterSet other = new ParameterSet();
        other.addDense("w", 2, 3);
        other.addSparse("f", 4, 2);
        List<Tensor> fresh = ParameterValues.copyInto(other, first);
        assertThat(fresh).isNotSameAs(first);
        assertThat(fresh.get(1).name()).isEqualTo("f");
    }
}
