package io.kaml.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arbitrary bytes as the sample file of a fixed spec, loaded as {@code kaml train --on-bad-row skip} loads
 * it. The contract of the data readers: the file loads, or the load fails with a {@link DataException} whose
 * message is one line; any other exception, an out-of-memory error or a hang (10 s) is a finding.
 *
 * <p>The format is recognised by content (gzip and Parquet by their magic bytes), so both targets read
 * any format; they differ in their seeds, and so in where their time goes: {@link #csvFile} starts from
 * CSV files (plain, gzip, quoted, with a byte order mark, broken), {@link #parquetFile} from Parquet files,
 * whose decoder is larger. Rows that break the contract are skipped rather than fatal, so every row of an
 * input is checked.
 */
class SampleFileFuzzTest {
    /** Every column role, a yyyymmdd day (a date parser) and both feature kinds. */
    private static final String SPEC = """
            actions: [click, buy]
            files: {train: data, valid: data, test: data}
            day_format: yyyymmdd
            columns:
              id: id
              advertiser: advertiser
              target: target
              day: day
              labels: {click: y_click, buy: y_buy}
              numerical: [price]
              categorical: [user, device]
            """;

    @TempDir
    static Path dir;
    private static DatasetSpec spec;

    @BeforeAll
    static void writeSpec() throws IOException {
        Path yaml = dir.resolve("dataset.yaml");
        Files.writeString(yaml, SPEC);
        spec = DatasetSpecParser.parse(yaml);
    }

    @FuzzTest
    @Timeout(10)
    void csvFile(byte[] file) throws IOException {
        load(file);
    }

    @FuzzTest
    @Timeout(10)
    void parquetFile(byte[] file) throws IOException {
        load(file);
    }

    private static void load(byte[] file) throws IOException {
        Files.write(dir.resolve("data"), file);
        try (Dataset dataset = Dataset.load(spec, BadRowPolicy.SKIP, Split.TRAIN)) {
            dataset.readNotes();
        } catch (DataException e) {
            FuzzContract.requireOneLine(e);
        }
    }
}
