package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.kaml.sim.Simulator;
import io.kaml.sim.SimulatorConfig;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelHidingTest {
    private static final List<String> LABELS = List.of("y_activation", "y_registration", "y_payment", "y_retention", "y_purchase");

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static DatasetSpec oracle;

    @BeforeAll
    static void simulateFullLabels() throws IOException {
        new Simulator(SimulatorConfig.builder().days(4).clicksPerDay(600).users(800).advertisers(20).ads(60).fullLabels(true).build())
                .run(shared.resolve("oracle"), false, (day, days) -> { });
        oracle = DatasetSpecParser.parse(shared.resolve("oracle/dataset.yaml"));
    }

    @Test
    void bySampleOnlyPositivesOfHiddenActionsChange() throws IOException {
        LabelHidingReport report = LabelHiding.hide(oracle, 2, LabelHiding.Mode.SAMPLE, 5, dir.resolve("out"), false);
        DatasetSpec hidden = DatasetSpecParser.parse(report.spec());
        long flipped = 0;
        for (Split split : Split.values()) {
            List<CsvRecord> before = rows(oracle.filesOf(split).first());
            List<CsvRecord> after = rows(hidden.filesOf(split).first());
            assertThat(after.getFirst().getFields()).isEqualTo(before.getFirst().getFields());
            assertThat(after).hasSameSizeAs(before);
            List<String> header = before.getFirst().getFields();
            for (int i = 1; i < before.size(); i++) {
                List<String> was = before.get(i).getFields();
                List<String> now = after.get(i).getFields();
                String target = "y_" + was.get(header.indexOf("target_action"));
                int otherPositives = 0;
                for (int c = 0; c < header.size(); c++) {
                    String column = header.get(c);
                    if (!LABELS.contains(column) || column.equals(target)) {
                        assertThat(now.get(c)).as("%s row %d column %s", split, i, column).isEqualTo(was.get(c));
                    } else {
                        assertThat(now.get(c)).as("%s row %d column %s", split, i, column).isIn(was.get(c), "0");
                        flipped += was.get(c).equals("1") && now.get(c).equals("0") ? 1 : 0;
                        otherPositives += now.get(c).equals("1") ? 1 : 0;
                    }
                }
                assertThat(otherPositives).isLessThanOrEqualTo(2);
            }
        }
        assertThat(flipped).isPositive().isEqualTo(Stream.of(0, 1, 2, 3, 4).mapToLong(j -> report.hiddenPositives()[j]).sum());
        for (int j = 0; j < 5; j++) {
            assertThat(report.targetPositives()[j] + report.keptPositives()[j] + report.hiddenPositives()[j]).isEqualTo(report.positives()[j]);
        }
        assertThat(report.rows()).isEqualTo(2400);
        assertThat(hidden.truth().toAbsolutePath().normalize()).isEqualTo(oracle.truth().toAbsolutePath().normalize());
        assertThat(LogFileInput.isGzip(hidden.filesOf(Split.TRAIN).first())).isTrue();
        assertThat(report.toTable()).contains("Kept the target label and 2 others per sample (seed 5): 2,400 rows", "activation");
    }

    @Test
    void sameSeedSameFilesOtherSeedOtherLabels() throws IOException {
        LabelHiding.hide(oracle, 1, LabelHiding.Mode.SAMPLE, 9, dir.resolve("a"), false);
        LabelHiding.hide(oracle, 1, LabelHiding.Mode.SAMPLE, 9, dir.resolve("b"), false);
        LabelHiding.hide(oracle, 1, LabelHiding.Mode.SAMPLE, 10, dir.resolve("c"), false);
        for (String file : List.of("train.csv.gz", "valid.csv.gz", "test.csv.gz", "dataset.yaml")) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file))).as(file).isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(file)));
        }
        assertThat(Files.readAllBytes(dir.resolve("c/train.csv.gz"))).isNotEqualTo(Files.readAllBytes(dir.resolve("a/train.csv.gz")));
    }

    @Test
    void allOnesShowExactlyTheKeptLabelsPerSample() throws IOException {
        Path spec = allOnes(dir.resolve("ones"));
        LabelHiding.hide(DatasetSpecParser.parse(spec), 2, LabelHiding.Mode.SAMPLE, 3, dir.resolve("out"), false);
        Path train = dir.resolve("out/train.tsv");
        assertThat(LogFileInput.isGzip(train)).isFalse();
        assertThat(Files.readAllLines(train).getFirst()).isEqualTo(String.join("\t", ONES_HEADER));
        Set<Set<String>> distinct = new HashSet<>();
        for (CsvRecord r : rows(train).subList(1, 201)) {
            Set<String> kept = keptOthers(r);
            assertThat(kept).as("line %d", r.getStartingLineNumber()).hasSize(2);
            assertThat(r.getField(3 + List.of("a", "b", "c", "d").indexOf(r.getField(2)))).isEqualTo("1");
            distinct.add(kept);
        }
        // Every pair of the four actions is some target's pair of others; 200 draws show all six.
        assertThat(distinct).hasSize(6);
        LabelHiding.hide(DatasetSpecParser.parse(spec), 3, LabelHiding.Mode.SAMPLE, 3, dir.resolve("all"), false);
        assertThat(Files.readString(dir.resolve("all/train.tsv"))).isEqualTo(Files.readString(dir.resolve("ones/train.tsv")));
    }

    @Test
    void byAdvertiserTheKeptSetIsFixedPerAdvertiser() throws IOException {
        Path spec = allOnes(dir.resolve("ones"));
        LabelHiding.hide(DatasetSpecParser.parse(spec), 1, LabelHiding.Mode.ADVERTISER, 3, dir.resolve("out"), false);
        Map<String, Set<String>> perAdvertiser = new HashMap<>();
        for (String file : List.of("train.tsv", "valid.tsv", "test.tsv")) {
            for (CsvRecord r : rows(dir.resolve("out").resolve(file)).subList(1, 201)) {
                Set<String> kept = keptOthers(r);
                assertThat(kept).hasSize(1);
                Set<String> first = perAdvertiser.putIfAbsent(r.getField(1), kept);
                assertThat(kept).as("advertiser %s in %s", r.getField(1), file).isEqualTo(first == null ? kept : first);
            }
        }
        assertThat(perAdvertiser).hasSize(10);
        assertThat(new HashSet<>(perAdvertiser.values())).hasSizeGreaterThan(1);
    }

    @Test
    void emptyLabelsOfHiddenActionsBecomeZeroAndBadCellsAreNamed() throws IOException {
        Path spec = SmallDataset.write(dir, SmallDataset.TRAIN);
        LabelHidingReport report = LabelHiding.hide(DatasetSpecParser.parse(spec), 0, LabelHiding.Mode.SAMPLE, 1, dir.resolve("out"), false);
        assertThat(report.unknownHidden()[3]).isEqualTo(2);
        assertThat(rows(dir.resolve("out/train.csv.gz")).get(3).getFields()).containsSequence("payment", "0", "0", "1", "0", "0");

        SmallDataset.write(dir, SmallDataset.TRAIN.replace("1,adv2,payment,1,1,1,,0", "1,adv2,payment,1,1,2,,0"));
        assertThatThrownBy(() -> LabelHiding.hide(DatasetSpecParser.parse(spec), 1, LabelHiding.Mode.SAMPLE, 1, dir.resolve("bad"), false))
                .isInstanceOf(DataException.class).hasMessageContaining("train.csv.gz:4: column 'y_payment': label must be 1, 0 or empty, got '2'");
        assertThatThrownBy(() -> LabelHiding.hide(DatasetSpecParser.parse(spec), 1, LabelHiding.Mode.SAMPLE, 1, dir, false))
                .hasMessageContaining("the output directory is the dataset's own");
    }

    @Test
    void aDeclaredSeparatorIsWrittenAsRead() throws IOException {
        Path spec = SmallDataset.writeSeparated(dir, '#');
        LabelHidingReport report = LabelHiding.hide(DatasetSpecParser.parse(spec), 1, LabelHiding.Mode.SAMPLE, 1, dir.resolve("out"), false);
        try (RowSource rows = CsvRowSource.open(dir.resolve("out/train.csv.gz"), '#')) {
            assertThat(rows.columns()).containsExactlyElementsOf(List.of(SmallDataset.HEADER.split(",")));
        }
        assertThat(Dataset.load(DatasetSpecParser.parse(report.spec()), BadRowPolicy.FAIL).split(Split.TRAIN).size()).isEqualTo(5);
    }

    @Test
    void keepingMoreLabelsThanTheOtherActionsIsRefusedNamingTheMaximum() throws IOException {
        DatasetSpec spec = DatasetSpecParser.parse(allOnes(dir.resolve("ones")));
        // was accepted, and the report said "Kept the target label and 4 others" of a dataset with 3 others
        assertThatThrownBy(() -> LabelHiding.hide(spec, 4, LabelHiding.Mode.SAMPLE, 1, dir.resolve("out"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keep target+4: the dataset has 4 actions, so a sample has 3 labels besides its target's; at most target+3");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aNonEmptyOutputDirectoryIsWrittenIntoOnlyWhenForced() throws IOException {
        DatasetSpec spec = DatasetSpecParser.parse(allOnes(dir.resolve("ones")));
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("train.tsv"), "a real dataset");
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> LabelHiding.hide(spec, 1, LabelHiding.Mode.SAMPLE, 1, out, false))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("not empty and not a previous hide-labels output (holds notes.txt, train.tsv)");
        assertThat(Files.readString(out.resolve("train.tsv"))).isEqualTo("a real dataset");
        LabelHiding.hide(spec, 1, LabelHiding.Mode.SAMPLE, 1, out, true);
        assertThat(Files.readAllLines(out.resolve("train.tsv")).getFirst()).isEqualTo(String.join("\t", ONES_HEADER));
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void aPreviousOutputIsWrittenIntoAgainButNotOnceItHoldsOtherFiles() throws IOException {
        DatasetSpec spec = DatasetSpecParser.parse(allOnes(dir.resolve("ones")));
        Path out = dir.resolve("out");
        LabelHiding.hide(spec, 1, LabelHiding.Mode.SAMPLE, 1, out, false);
        assertThat(Files.readAllLines(out.resolve("dataset.yaml")).getFirst()).isEqualTo(LabelHiding.MARKER);
        LabelHiding.hide(spec, 2, LabelHiding.Mode.SAMPLE, 1, out, false);
        assertThat(DatasetSpecParser.parse(out.resolve("dataset.yaml")).actionCount()).isEqualTo(4);
        // Hiding labels of the hidden-label dataset again keeps one marker line.
        LabelHiding.hide(DatasetSpecParser.parse(out.resolve("dataset.yaml")), 0, LabelHiding.Mode.SAMPLE, 1, dir.resolve("again"), false);
        assertThat(Files.readAllLines(dir.resolve("again/dataset.yaml")).stream().filter(LabelHiding.MARKER::equals)).hasSize(1);
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> LabelHiding.hide(spec, 1, LabelHiding.Mode.SAMPLE, 1, out, false))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("not a previous hide-labels output");
        // A directory holding the same names without the marker (a real dataset) is refused too.
        Files.delete(out.resolve("notes.txt"));
        Files.writeString(out.resolve("dataset.yaml"), Files.readString(dir.resolve("ones/dataset.yaml")));
        assertThatThrownBy(() -> LabelHiding.hide(spec, 1, LabelHiding.Mode.SAMPLE, 1, out, false))
                .isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void aSplitFileOutsideTheSpecsDirectoryIsRefusedBeforeAnythingIsWritten() throws IOException {
        allOnes(dir.resolve("ones"));
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.writeString(sub.resolve("dataset.yaml"), Files.readString(dir.resolve("ones/dataset.yaml"))
                .replace("train: train.tsv", "train: ../ones/train.tsv"));
        DatasetSpec spec = DatasetSpecParser.parse(sub.resolve("dataset.yaml"));
        assertThatThrownBy(() -> LabelHiding.hide(spec, 1, LabelHiding.Mode.SAMPLE, 1, dir.resolve("out"), false))
                .isInstanceOf(DataException.class).hasMessageContaining("key 'files.train'").hasMessageContaining("is outside the spec's directory");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void keepIsTargetPlusK() {
        assertThat(LabelHiding.parseKeep("target+2")).isEqualTo(2);
        assertThat(LabelHiding.parseKeep("target")).isZero();
        assertThatThrownBy(() -> LabelHiding.parseKeep("target+")).hasMessageContaining("'target+K'");
        assertThatThrownBy(() -> LabelHiding.parseKeep("2")).hasMessageContaining("got '2'");
        assertThat(LabelHiding.Mode.parse("advertiser")).isEqualTo(LabelHiding.Mode.ADVERTISER);
        assertThatThrownBy(() -> LabelHiding.Mode.parse("user")).hasMessageContaining("unknown mode 'user'");
    }

    private static final List<String> ONES_HEADER = List.of("day", "adv", "target", "y_a", "y_b", "y_c", "y_d", "user");

    /** A tab-separated, uncompressed dataset whose every label is 1: a kept label shows as 1, a hidden one as 0. */
    private static Path allOnes(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("dataset.yaml"), """
                actions: [a, b, c, d]
                files: {train: train.tsv, valid: valid.tsv, test: test.tsv}
                columns: {advertiser: adv, target: target, day: day, labels: {a: y_a, b: y_b, c: y_c, d: y_d}, categorical: [user]}
                """);
        for (String split : List.of("train", "valid", "test")) {
            StringBuilder text = new StringBuilder(String.join("\t", ONES_HEADER)).append('\n');
            for (int i = 0; i < 200; i++) {
                int advertiser = i % 10;
                text.append(i / 50).append("\tadv").append(advertiser).append('\t').append("abcd".charAt(advertiser % 4))
                        .append("\t1\t1\t1\t1\tu").append(i).append('\n');
            }
            Files.writeString(dir.resolve(split + ".tsv"), text);
        }
        return dir.resolve("dataset.yaml");
    }

    /** The non-target actions whose label is 1. */
    private static Set<String> keptOthers(CsvRecord r) {
        Set<String> kept = new HashSet<>();
        for (int j = 0; j < 4; j++) {
            String action = String.valueOf("abcd".charAt(j));
            if (!action.equals(r.getField(2)) && r.getField(3 + j).equals("1")) {
                kept.add(action);
            }
        }
        return kept;
    }

    private static List<CsvRecord> rows(Path file) throws IOException {
        char separator = file.toString().contains(".tsv") ? '\t' : ',';
        try (CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(separator)
                .ofCsvRecord(new InputStreamReader(LogFileInput.open(file), StandardCharsets.UTF_8))) {
            return new ArrayList<>(csv.stream().toList());
        }
    }
}
