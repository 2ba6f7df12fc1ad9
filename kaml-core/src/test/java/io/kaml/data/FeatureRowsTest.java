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
    void streamsChunksThatTogetherAreTheWholeFile() throws IOException {
        String text = "id,device,user,price,goal\nr1,ios,u1,3,b\nr2,,u2,,\nr3,web,u3,5,a\nr4,ios,u4,1,a\nr5,web,u5,2,b\n";
        FeatureRows whole = read(text);
        List<FeatureRows> chunks = new java.util.ArrayList<>();
        FeatureRows.stream(dir.resolve("rows.csv"), ENCODER, "goal", "id", 2, chunks::add);
        assertThat(chunks).extracting(FeatureRows::size).containsExactly(2, 2, 1);
        assertThat(chunks.stream().flatMap(c -> java.util.Arrays.stream(c.ids())).toList()).containsExactly(whole.ids());
        assertThat(chunks.get(1).categorical()).containsExactly(java.util.Arrays.copyOfRange(whole.categorical(), 4, 8));
        assertThat(chunks.get(2).numerical()).containsExactly(whole.numerical()[4]);
        assertThat(read("id,device,user,price,goal\n").size()).isZero();
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
