package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AdvertiserIndex#of}: an index made elsewhere (merged from Spark partitions) keeps its numbering. */
class AdvertiserIndexTest {

    @Test
    void ofKeepsTheGivenOrderAndNumbersNewAdvertisersAfterIt() {
        AdvertiserIndex index = AdvertiserIndex.of(List.of("b", "a", "c"));
        assertThat(index.names()).containsExactly("b", "a", "c");
        assertThat(index.size()).isEqualTo(3);
        assertThat(index.find("a")).isEqualTo(1);
        assertThat(index.name(2)).isEqualTo("c");
        assertThat(index.find("z")).isEqualTo(-1);
        assertThat(index.indexOf("z")).isEqualTo(3);
        assertThat(AdvertiserIndex.of(List.of()).size()).isZero();
    }

    @Test
    void ofRejectsARepeatedName() {
        assertThatThrownBy(() -> AdvertiserIndex.of(List.of("a", "b", "a"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("advertiser names repeat");
    }
}
