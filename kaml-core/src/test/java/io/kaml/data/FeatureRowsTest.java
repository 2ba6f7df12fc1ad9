package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureRowsTest {
    private static final FeatureEncoder ENCODER = new FeatureEncoder(List.of("a", "b"), List.of("user", "device"),
            new int[] {100, 10}, 0, List.of("price"), NumericalTransform.LOG_STANDARDIZE,
            new NumericalStats(new double[] {1.0}, new double[] {2.0}));

    @TempDir
    Path dir;

    private FeatureRows read(String text) throws IOException {
        Path file = dir.resolve("rows.csv");
        Files.writeString(file, text);
        return FeatureRows.read(file, ENCODER, "goal", "id");
    }

    @Test
    void encodesLikeTheEncoderAndKeepsIdsAndTargets() throws IOException {
        FeatureRows rows = read("id,extra,device,user,price,goal\nr1,x,ios,u1,3,b\nr2,y,,u2,,\n");
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.ids()).containsExactly("r1", "r2");
        assertThat(rows.target()).containsExactly(1, -1);
        assertThat(rows.categorical()).containsExactly(ENCODER.bucket(0, "u1"), ENCODER.bucket(1, "ios"), ENCODER.bucket(0, "u2"), 0);
        assertThat(rows.numerical()).containsExactly(ENCODER.numerical(0, 3.0), 0f);
    }

    @Test
    void withoutTargetOrIdColumnsEveryRowHasNoTarget() throws IOException {
        FeatureRows rows = read("user,device,price\nu1,ios,1\n");
        assertThat(rows.target()).containsExactly(-1);
        assertThat(rows.ids()).isNull();
    }

    @Test
    void errorsNameFileLineAndColumn() {
        assertThatThrownBy(() -> read("user,price\nu1,3\n")).isInstanceOfSatisfying(DataException.class, e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.column()).isEqualTo("device");
            assertThat(e.getMessage()).contains("missing column (a feature column: the model needs");
        });
        assertThatThrownBy(() -> read("user,device,price,goal\nu1,ios,3,b\nu1,ios,3,install\n"))
                .isInstanceOfSatisfying(DataException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("column 'goal'").contains("unknown target action 'install'");
                });
        assertThatThrownBy(() -> read("user,device,price\nu1,ios,cheap\n"))
                .hasMessageContaining("rows.csv:2: column 'price': not a finite number: 'cheap'");
        assertThatThrownBy(() -> read("user,device,price\nu1,ios\n"))
                .hasMessageContaining("rows.csv:2: expected 3 fields");
        assertThatThrownBy(() -> read("")).hasMessageContaining("empty file");
    }
}
