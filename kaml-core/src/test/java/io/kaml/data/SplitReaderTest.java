package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitReaderTest {
    @TempDir
    Path dir;

    private Batch readTrain(String train, BadRowPolicy policy, BadRowReport report) {
        DatasetSpec spec = DatasetSpecParser.parse(SmallDataset.write(dir, train));
        try (SplitReader reader = SplitReader.open(spec, Split.TRAIN, FeatureEncoder.unfitted(spec), new AdvertiserIndex(), policy, report)) {
            return reader.readAll();
        }
    }

    private Batch readTrain(String train) {
        return readTrain(train, BadRowPolicy.FAIL, new BadRowReport());
    }

    private void assertBadRow(String train, long line, String column, String reason) {
        ThrowingCallable read = () -> readTrain(train);
        assertThatThrownBy(read).isInstanceOfSatisfying(DataException.class, e -> {
            assertThat(e.file().getFileName().toString()).isEqualTo("train.csv.gz");
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.column()).isEqualTo(column);
            assertThat(e.getMessage()).startsWith(e.file() + ":" + line).contains(reason);
            assertThat(e.isBadRow()).as("a row --on-bad-row skip would skip").isTrue();
        });
    }

    @Test
    void readsRowsIntoColumns() {
        Batch b = readTrain(SmallDataset.TRAIN);
        assertThat(b.size()).isEqualTo(5);
        assertThat(b.target()).containsExactly(0, 0, 2, 2, 4);
        assertThat(b.advertiser()).containsExactly(0, 0, 1, 1, 2);
        assertThat(b.day()).containsExactly(0, 0, 1, 1, 2);
        // row 3 (adv2, payment): 1,1,1,<empty>,0
        assertThat(new byte[] {b.label(2, 0), b.label(2, 1), b.label(2, 2), b.label(2, 3), b.label(2, 4)})
                .containsExactly(1, 1, 1, Batch.UNKNOWN, 0);
        assertThat(b.targetLabel(4)).isEqualTo((byte) 0);
        assertThat(b.numerical()[0]).isEqualTo(10.5f);
        assertThat(b.numerical()[3]).isNaN();
        assertThat(b.numerical()[4]).isEqualTo(1000f);
        // user u1 appears in rows 1 and 3: same bucket; the empty age_band of row 4 is the missing bucket 0.
        assertThat(b.categorical()[0]).isEqualTo(b.categorical()[2 * 4]).isNotZero();
        assertThat(b.categorical()[3 * 4 + 2]).isZero();
        assertThat(b.ids()).isNull();
    }

    @Test
    void readsPlainTsvWithIdsAndCrLf() throws IOException {
        String spec = SmallDataset.SPEC.replace("train.csv.gz", "train.tsv").replace("columns:\n", "columns:\n  id: sample_id\n");
        Files.writeString(dir.resolve("dataset.yaml"), spec);
        Files.writeString(dir.resolve("train.tsv"), ("sample_id," + SmallDataset.HEADER + "\r\nr1,0,adv1,activation,1,0,0,0,0,10.5,u1,a1,18-24,ios\r\n").replace(',', '\t'));
        DatasetSpec parsed = DatasetSpecParser.parse(dir.resolve("dataset.yaml"));
        try (SplitReader reader = SplitReader.open(parsed, Split.TRAIN, FeatureEncoder.unfitted(parsed), new AdvertiserIndex(), BadRowPolicy.FAIL, new BadRowReport())) {
            Batch b = reader.readAll();
            assertThat(b.size()).isEqualTo(1);
            assertThat(b.ids()).containsExactly("r1");
            assertThat(b.categorical()[3]).isNotZero();
        }
    }

    @Test
    void missingColumnNamesFileLineAndColumn() {
        assertThatThrownBy(() -> readTrain(SmallDataset.TRAIN.replace("y_payment", "y_pay"))).isInstanceOfSatisfying(DataException.class, e -> {
            assertThat(e.getMessage()).contains("train.csv.gz:1: column 'y_payment': missing column");
            // a file's header is no row: the skip policy cannot leave it out
            assertThat(e.isBadRow()).isFalse();
        });
    }

    @Test
    void unknownTargetAction() {
        assertBadRow(SmallDataset.TRAIN.replace("2,adv3,purchase", "2,adv3,install"), 6, "target_action", "unknown target action 'install'");
    }

    @Test
    void labelOtherThanOneZeroOrEmpty() {
        assertBadRow(SmallDataset.TRAIN.replace("1,adv2,payment,1,1,1,,0", "1,adv2,payment,1,1,2,,0"), 4, "y_payment", "label must be 1, 0 or empty, got '2'");
        assertBadRow(SmallDataset.TRAIN.replace("0,adv1,activation,1,0", "0,adv1,activation,yes,0"), 2, "y_activation", "got 'yes'");
    }

    @Test
    void emptyTargetLabel() {
        assertBadRow(SmallDataset.TRAIN.replace("1,adv2,payment,0,0,0,,0", "1,adv2,payment,0,0,,,0"), 5, "y_payment", "target action's label must be reported");
    }

    @Test
    void nonNumericNumber() {
        assertBadRow(SmallDataset.TRAIN.replace(",99,", ",ninety,"), 4, "price", "not a finite number: 'ninety'");
        assertBadRow(SmallDataset.TRAIN.replace(",99,", ",NaN,"), 4, "price", "not a finite number");
        // finite as a double, infinite as the float the model keeps: the loss would become NaN at step 1.
        assertBadRow(SmallDataset.TRAIN.replace(",99,", ",1e39,"), 4, "price", "beyond the float range (±3.4e38): '1e39'");
        assertBadRow(SmallDataset.TRAIN.replace(",99,", ",-3.5e38,"), 4, "price", "beyond the float range");
    }

    @Test
    void junkAfterTheGzipDataIsAnErrorButASecondMemberIsData() throws IOException {
        Path spec = SmallDataset.write(dir, SmallDataset.TRAIN);
        Path train = dir.resolve("train.csv.gz");
        byte[] whole = Files.readAllBytes(train);
        DatasetSpec parsed = DatasetSpecParser.parse(spec);
        int rows = Dataset.load(parsed, BadRowPolicy.FAIL).split(Split.TRAIN).size();
        // Issue 12: this loaded as if complete.
        Files.write(train, java.util.Arrays.copyOf(whole, whole.length + 5), java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        assertThatThrownBy(() -> Dataset.load(parsed, BadRowPolicy.FAIL)).isInstanceOf(DataException.class)
                .hasMessage(train + ": cannot read: bytes follow the end of the gzip data (junk appended, or another file's bytes?)");
        // gzip allows members end to end (what `cat a.gz b.gz` makes): the rows of both are read.
        String rest = SmallDataset.TRAIN.substring(SmallDataset.TRAIN.indexOf('\n') + 1);
        java.io.ByteArrayOutputStream second = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(second)) {
            gzip.write(rest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.write(train, whole);
        Files.write(train, second.toByteArray(), java.nio.file.StandardOpenOption.APPEND);
        assertThat(Dataset.load(parsed, BadRowPolicy.FAIL).split(Split.TRAIN).size()).isEqualTo(2 * rows);
    }

    @Test
    void aTruncatedGzipFileSaysSo() throws IOException {
        String rows = SmallDataset.TRAIN.substring(SmallDataset.TRAIN.indexOf('\n') + 1);
        Path spec = SmallDataset.write(dir, SmallDataset.HEADER + "\n" + rows.repeat(200));
        byte[] whole = Files.readAllBytes(dir.resolve("train.csv.gz"));
        Files.write(dir.resolve("train.csv.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        DatasetSpec parsed = DatasetSpecParser.parse(spec);
        assertThatThrownBy(() -> Dataset.load(parsed, BadRowPolicy.FAIL))
                .isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("train.csv.gz") + ": cannot read: the file ends unexpectedly (truncated?)");
    }

    @Test
    void wrongFieldCount() {
        assertBadRow(SmallDataset.TRAIN.replace("u2,a1,25-34,android", "u2,a1,25-34"), 3, null, "expected 13 fields (as in the header), got 12");
    }

    @Test
    void badDay() {
        assertBadRow(SmallDataset.TRAIN.replace("2,adv3", "monday,adv3"), 6, "day", "day must be an integer, got 'monday'");
    }

    @Test
    void emptyFileHasNoHeader() throws IOException {
        assertThatThrownBy(() -> readTrain("")).isInstanceOf(DataException.class).hasMessageContaining("empty file");
    }

    @Test
    void skipPolicyKeepsGoodRowsAndCountsBadOnesByReason() {
        String train = SmallDataset.TRAIN
                .replace(",99,", ",ninety,")
                .replace("u2,a1,25-34,android", "u2,a1,25-34")
                + "3,adv1,activation,1,0,0,0,0,1,u5,a1,18-24,ios\n"
                + "3,adv1,activation,1,0,0,0,0,x,u5,a1,18-24,ios\n";
        BadRowReport report = new BadRowReport();
        Batch b = readTrain(train, BadRowPolicy.SKIP, report);
        assertThat(b.size()).isEqualTo(4);
        assertThat(report.total()).isEqualTo(3);
        assertThat(report.counts()).containsEntry("column 'price': not a finite number: '…'", 2L)
                .containsEntry("expected 13 fields (as in the header)", 1L);
        assertThat(report.summary()).contains("skipped 3 bad rows").contains("train.csv.gz:4");
    }

    @Test
    void streamsInBlocks() {
        DatasetSpec spec = DatasetSpecParser.parse(SmallDataset.write(dir, SmallDataset.TRAIN));
        try (SplitReader reader = SplitReader.open(spec, Split.TRAIN, FeatureEncoder.unfitted(spec), new AdvertiserIndex(), BadRowPolicy.FAIL, new BadRowReport())) {
            BatchBuilder block = new BatchBuilder(4, 1, 5, false, 2);
            assertThat(reader.read(block, 2)).isEqualTo(2);
            block.clear();
            assertThat(reader.read(block, 2)).isEqualTo(2);
            block.clear();
            assertThat(reader.read(block, 2)).isEqualTo(1);
            assertThat(block.build().target()).containsExactly(4);
            assertThat(reader.read(block, 2)).isZero();
        }
    }

    @Test
    void missingSplitFileIsNamed() throws IOException {
        Path spec = SmallDataset.write(dir, SmallDataset.TRAIN);
        Files.delete(dir.resolve("valid.csv.gz"));
        assertThatThrownBy(() -> Dataset.load(DatasetSpecParser.parse(spec), BadRowPolicy.FAIL))
                .isInstanceOf(DataException.class).hasMessageContaining("valid.csv.gz").hasMessageContaining("files.valid");
    }
}
