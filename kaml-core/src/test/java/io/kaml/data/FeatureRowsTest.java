package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureRowsTest {
    private static final FeatureEncoder ENCODER = new FeatureEncoder(List.of("a", "b"), List.of("user", "device"),
            new int[] {100, 10}, 0, List.of("price"), NumericalTransform.LOG_STANDARDIZE,
            new NumericalStats(new double[] {1.0}, new double[] {2.0}), new MissingValues(List.of("device", "price"), 0));

    @TempDir
    Path dir;

    private FeatureRows read(String text) throws IOException {
        return read(text, ENCODER, false);
    }

    private FeatureRows read(String text, FeatureEncoder encoder, boolean allowMissing) throws IOException {
        Path file = dir.resolve("rows.csv");
        Files.writeString(file, text);
        return FeatureRows.read(file, encoder, "goal", "id", allowMissing);
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
        List<FeatureRows> chunks = new ArrayList<>();
        FeatureRows.stream(dir.resolve("rows.csv"), ENCODER, "goal", "id", false, 2, chunks::add);
        assertThat(chunks).extracting(FeatureRows::size).containsExactly(2, 2, 1);
        assertThat(chunks.stream().flatMap(c -> Arrays.stream(c.ids())).toList()).containsExactly(whole.ids());
        assertThat(chunks.get(1).categorical()).containsExactly(Arrays.copyOfRange(whole.categorical(), 4, 8));
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
    void aFeatureTrainingNeverSawMissingIsRefusedWithFileLineAndColumnUnlessAllowed() throws IOException {
        String emptyUser = "user,device,price\nu1,ios,3\n,ios,3\n";
        assertThatThrownBy(() -> read(emptyUser)).isInstanceOf(DataException.class).hasMessage(dir.resolve("rows.csv")
                + ":3: column 'user': missing, and training never saw it missing (fill it, or run predict with --allow-missing)");
        FeatureRows allowed = read(emptyUser, ENCODER, true);
        assertThat(allowed.categorical()).containsExactly(ENCODER.bucket(0, "u1"), ENCODER.bucket(1, "ios"), 0, ENCODER.bucket(1, "ios"));

        // Numerical features follow the same rule: price may be missing here, not there.
        FeatureEncoder strict = new FeatureEncoder(ENCODER.actions(), ENCODER.categoricalFields(), ENCODER.buckets(), 0,
                ENCODER.numericalFields(), ENCODER.transform(), ENCODER.stats(), new MissingValues(List.of(), 0));
        assertThatThrownBy(() -> read("user,device,price\nu1,ios,\n", strict, false))
                .hasMessageEndingWith("rows.csv:2: column 'price': missing, and training never saw it missing (fill it, or run predict with --allow-missing)");
        // A model trained with missing dropout learned every feature missing.
        assertThat(read("user,device,price\nu1,ios,\n", strict.withMissingDropout(0.05), false).numerical()).containsExactly(0f);

        FeatureEncoder old = new FeatureEncoder(ENCODER.actions(), ENCODER.categoricalFields(), ENCODER.buckets(), 0,
                ENCODER.numericalFields(), ENCODER.transform(), ENCODER.stats(), MissingValues.UNKNOWN);
        assertThatThrownBy(() -> read("user,device,price\nu1,,1\n", old, false)).hasMessageEndingWith(
                ":2: column 'device': missing, and this model file (written before kaml recorded missing values) does not say "
                        + "whether training saw it missing (fill it, or run predict with --allow-missing)");
    }

    @Test
    void aColumnTheFileLacksIsMissingInEveryRowWhereThatIsAcceptedAndRefusedUpFrontElsewhere() throws IOException {
        Path file = Files.writeString(dir.resolve("partial.csv"), "user,price\nu1,3\nu2,4\n");
        List<FeatureRows> chunks = new ArrayList<>();
        assertThat(FeatureRows.stream(file, ENCODER, "goal", null, false, 10, chunks::add)).containsExactly("device");
        assertThat(chunks.getFirst().categorical()).containsExactly(ENCODER.bucket(0, "u1"), 0, ENCODER.bucket(0, "u2"), 0);
        assertThatThrownBy(() -> read("device,price\nios,3\n")).hasMessageContaining("rows.csv:1: column 'user': missing column (a feature "
                + "column: the model needs [user, device] and did not learn this one missing; add it, or run predict with --allow-missing");
        assertThat(read("device,price\nios,3\n", ENCODER, true).categorical()).containsExactly(0, ENCODER.bucket(1, "ios"));
    }

    @Test
    void errorsNameFileLineAndColumn() {
        assertThatThrownBy(() -> read("device,price\nios,3\n")).isInstanceOfSatisfying(DataException.class, e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.column()).isEqualTo("user");
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
