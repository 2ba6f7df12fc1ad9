package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One log split by day, dates as days, globs and directories, side tables joined by key. */
class LogSpecTest {
    @TempDir
    Path dir;

    static final String HEADER = "date,advertiser_id,target_action,y_click,y_buy,user_id,video_id,price";
    static final String SPEC = """
            actions: [click, buy]
            log: logs/*.csv
            day_format: yyyymmdd
            split: {valid_days: 1, test_days: 1}
            tables:
              user: {file: users.csv, key: uid, on: user_id, missing: ['-124']}
              video: {file: videos.csv, key: video_id}
            columns:
              advertiser: advertiser_id
              target: target_action
              day: date
              labels: {click: y_click, buy: y_buy}
              numerical: [price, user.age]
              categorical: [user_id, video_id, user.city, video.kind]
            """;

    private DatasetSpec write(String spec) throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        // Three days over two files, across a month end, in file order 0430 then 0501-0502.
        Files.writeString(dir.resolve("logs/part-1.csv"), HEADER + """

                20220430,a1,click,1,0,u1,v1,3
                20220430,a2,buy,0,1,u2,v2,4
                """);
        Files.writeString(dir.resolve("logs/part-2.csv"), HEADER + """

                20220501,a1,click,0,0,u3,v1,5
                20220502,a2,buy,1,1,u1,v9,6
                20220502,a1,click,1,,u2,v2,
                """);
        Files.writeString(dir.resolve("logs/_SUCCESS"), "");
        Files.writeString(dir.resolve("users.csv"), "uid,age,city\nu1,30,paris\nu2,-124,-124\n");
        Files.writeString(dir.resolve("videos.csv"), "video_id,kind\nv1,music\nv2,news\n");
        Path yaml = dir.resolve("dataset.yaml");
        Files.writeString(yaml, spec);
        return DatasetSpecParser.parse(yaml);
    }

    @Test
    void splitsOneLogByTheLastDaysAndJoinsTables() throws IOException {
        DatasetSpec spec = write(SPEC);
        assertThat(spec.daysOf(Split.TEST)).isEqualTo(new DayRange(19114, 19114));
        assertThat(spec.daysOf(Split.VALID)).isEqualTo(new DayRange(19113, 19113));
        assertThat(spec.daysOf(Split.TRAIN)).isEqualTo(new DayRange(19112, 19112));
        assertThat(spec.describe(Split.TEST)).isEqualTo("logs/*.csv, days 20220502");
        Dataset data = Dataset.load(spec, BadRowPolicy.FAIL);
        Batch train = data.split(Split.TRAIN);
        Batch test = data.split(Split.TEST);
        assertThat(train.size()).isEqualTo(2);
        assertThat(data.split(Split.VALID).size()).isEqualTo(1);
        assertThat(test.size()).isEqualTo(2);
        assertThat(test.day()).containsExactly(19114, 19114);
        FeatureEncoder e = data.encoder();
        // test row 1: u1 (paris) watching v9, which the video table lacks; row 2: u2 whose city is -124 (missing).
        int fields = 4;
        assertThat(test.categorical()[2]).isEqualTo(e.bucket(2, "paris"));
        assertThat(test.categorical()[3]).isZero();
        assertThat(test.categorical()[fields + 2]).isZero();
        assertThat(test.categorical()[fields + 3]).isEqualTo(e.bucket(3, "news"));
        assertThat(test.label(1, 1)).isEqualTo(Batch.UNKNOWN);
        assertThat(data.badRows().unmatched("video")).isEqualTo(1);
        assertThat(data.badRows().unmatched("user")).isEqualTo(1);
        assertThat(data.badRows().joinSummary())
                .contains("table 'video': 1 of 5 rows (20.00%) have no match (train 0, valid 0, test 1)")
                .contains("table 'user': 1 of 5 rows (20.00%) have no match (train 0, valid 1, test 0)");
    }

    @Test
    void explicitRangesMayLeaveDaysOut() throws IOException {
        DatasetSpec spec = write(SPEC.replace("split: {valid_days: 1, test_days: 1}",
                "split: {train: 20220430, valid: [20220501, 20220501], test: [20220502, 20220502]}"));
        Dataset data = Dataset.load(spec, BadRowPolicy.FAIL);
        assertThat(data.split(Split.TRAIN).size()).isEqualTo(2);
        assertThat(data.split(Split.TEST).size()).isEqualTo(2);
    }

    @Test
    void isoDatesAndIntegersReadAsDays() {
        assertThat(DayFormat.ISO.parse("2022-05-01")).isEqualTo(19113);
        assertThat(DayFormat.YYYYMMDD.parse("20220501")).isEqualTo(19113);
        assertThat(DayFormat.INTEGER.parse(" 17 ")).isEqualTo(17);
        assertThat(DayFormat.YYYYMMDD.format(19113)).isEqualTo("20220501");
        assertThatThrownBy(() -> DayFormat.INTEGER.parse("2022-05-01")).hasMessageContaining("set day_format: iso");
        assertThatThrownBy(() -> DayFormat.YYYYMMDD.parse("20221301")).hasMessageContaining("yyyymmdd");
    }

    @Test
    void badDayNamesFileLineAndColumn() throws IOException {
        DatasetSpec spec = write(SPEC.replace("day_format: yyyymmdd", "day_format: iso")
                .replace("split: {valid_days: 1, test_days: 1}", "split: {train: 2022-04-30, valid: 2022-05-01, test: 2022-05-02}"));
        assertThatThrownBy(() -> Dataset.load(spec, BadRowPolicy.FAIL))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(dir.resolve("logs/part-1.csv") + ":2: column 'date': day must be an ISO date");
    }

    @Test
    void duplicateTableKeyNamesTableAndKey() throws IOException {
        DatasetSpec spec = write(SPEC);
        Files.writeString(dir.resolve("videos.csv"), "video_id,kind\nv1,music\nv2,news\nv1,sport\n");
        assertThatThrownBy(() -> Dataset.load(spec, BadRowPolicy.FAIL))
                .isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("videos.csv") + ":4: column 'video_id': table 'video': duplicate key 'v1'");
    }

    @Test
    void tableColumnMissingIsNamed() throws IOException {
        DatasetSpec spec = write(SPEC.replace("video.kind", "video.genre"));
        assertThatThrownBy(() -> Dataset.load(spec, BadRowPolicy.FAIL))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("videos.csv:1: column 'genre': missing column (table 'video': column of feature 'video.genre'; the file has [video_id, kind])");
    }

    @Test
    void specErrorsNameTheKey() {
        assertThatThrownBy(() -> write(SPEC.replace("log: logs/*.csv", "files: {train: a, valid: b, test: c}")))
                .hasMessageContaining("key 'split': only goes with 'log'");
        assertThatThrownBy(() -> write(SPEC.replace("log: logs/*.csv\n", "")))
                .hasMessageContaining("not neither");
        assertThatThrownBy(() -> write(SPEC.replace("valid_days: 1, ", "")))
                .hasMessageContaining("key 'split.valid_days': missing");
        assertThatThrownBy(() -> write(SPEC.replace("valid_days: 1", "valid_days: 1, train: 3")))
                .hasMessageContaining("key 'split': give either");
        assertThatThrownBy(() -> write(SPEC.replace("split: {valid_days: 1, test_days: 1}", "split: {train: [20220430, 20220501], valid: 20220501, test: 20220502}")))
                .hasMessageContaining("key 'split': the train and valid days overlap");
        assertThatThrownBy(() -> write(SPEC.replace("day_format: yyyymmdd", "day_format: unix")))
                .hasMessageContaining("key 'day_format': expected integer, yyyymmdd or iso");
        assertThatThrownBy(() -> write(SPEC.replace("key: uid, on: user_id", "key: uid, join: user_id")))
                .hasMessageContaining("key 'tables.user.join': unknown key");
        assertThatThrownBy(() -> write(SPEC.replace("advertiser: advertiser_id", "advertiser: user.zip")))
                .hasMessageContaining("'user.zip' names a column of table 'user'");
        assertThatThrownBy(() -> write(SPEC.replace("log: logs/*.csv", "log: logs/*.parquet")).filesOf(Split.TRAIN).resolve())
                .hasMessageContaining("'logs/*.parquet' matches no file");
    }

    @Test
    void tooFewDaysForTheSplitIsAnError() throws IOException {
        DatasetSpec spec = write(SPEC.replace("test_days: 1", "test_days: 2"));
        assertThatThrownBy(() -> Dataset.load(spec, BadRowPolicy.FAIL))
                .hasMessageContaining("key 'split': the log holds 3 distinct days (20220430..20220502), too few for 1 validation and 2 test days");
    }

    @Test
    void directoriesReadEveryVisibleFileInPathOrder() throws IOException {
        write(SPEC);
        FileSet set = new FileSet("log", List.of("logs"), dir, dir.resolve("dataset.yaml"));
        assertThat(set.resolve()).containsExactly(dir.resolve("logs/part-1.csv"), dir.resolve("logs/part-2.csv"));
        assertThatThrownBy(() -> new FileSet("log", List.of("nothing.csv"), dir, dir.resolve("dataset.yaml")).resolve())
                .hasMessageContaining("nothing.csv: file not found (declared as log in");
    }
}
