package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestCountTest {

    @Test
    void decidedFromThirtyOfEachClass() {
        assertThat(new TestCount(497, 8).undecided()).isEqualTo("undecided (8 positives)");
        assertThat(new TestCount(497, 29).decidable()).isFalse();
        assertThat(new TestCount(497, 30).decidable()).isTrue();
        assertThat(new TestCount(497, 30).undecided()).isNull();
        assertThat(new TestCount(100, 80).undecided()).isEqualTo("undecided (20 negatives)");
        assertThat(new TestCount(60, 30).decidable()).isTrue();
        assertThat(new TestCount(20, 0).smallerClass()).isEqualTo("0 positives");
        assertThatThrownBy(() -> new TestCount(5, 6)).isInstanceOf(IllegalArgumentException.class);
    }
}
