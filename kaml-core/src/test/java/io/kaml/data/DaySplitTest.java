package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DaySplit#resolve(DatasetSpec, java.util.Collection)}: the log's days read elsewhere (a Spark query) instead of scanned. */
class DaySplitTest {
    @TempDir
    Path dir;

    @Test
    void daysGivenFromElsewhereSplitAsTheScannedLogDoes() {
        DatasetSpec spec = SmallLog.write(dir, SmallLog.SPEC);
        DaySplit split = spec.daySplit();
        assertThat(split.countsDays()).isTrue();
        // repeated and in any order, as a distinct query hands them over
        assertThat(split.resolve(spec, List.of(12, 3, 9, 5, 8, 3))).isEqualTo(SmallLog.DAYS);
        assertThat(split.resolve(spec)).isEqualTo(SmallLog.DAYS);
    }

    @Test
    void givenDaysAreSplitWithoutReadingTheLog() throws IOException {
        DatasetSpec spec = SmallLog.write(dir, SmallLog.SPEC);
        Files.delete(dir.resolve("log.csv"));
        assertThat(spec.daySplit().resolve(spec, List.of(7, 1, 2, 4, 3))).isEqualTo(Map.of(
                Split.TRAIN, new DayRange(1, 2), Split.VALID, new DayRange(3, 4), Split.TEST, new DayRange(7, 7)));
        assertThatThrownBy(() -> spec.daySplit().resolve(spec)).isInstanceOf(DataException.class)
                .hasMessageContaining("log.csv: file not found");
    }

    @Test
    void tooFewGivenDaysIsTheSameErrorAsForTooFewInTheLog() {
        DatasetSpec spec = SmallLog.write(dir, SmallLog.SPEC);
        assertThatThrownBy(() -> spec.daySplit().resolve(spec, List.of(3, 1, 2, 2))).isInstanceOf(DataException.class)
                .hasMessage(spec.source() + ": key 'split': the log holds 3 distinct days (1..3), too few for 2 validation and 1 test"
                        + " days plus at least one training day");
    }

    @Test
    void explicitRangesAreTheSplitWhateverDaysAreGiven() {
        DatasetSpec spec = SmallLog.write(dir, SmallLog.SPEC.replace("split: {valid_days: 2, test_days: 1}",
                "split: {train: [1, 5], valid: 8, test: [9, 12]}"));
        Map<Split, DayRange> ranges = Map.of(Split.TRAIN, new DayRange(1, 5), Split.VALID, new DayRange(8, 8),
                Split.TEST, new DayRange(9, 12));
        DaySplit split = spec.daySplit();
        assertThat(split.countsDays()).isFalse();
        assertThat(split.resolve(spec, List.of())).isEqualTo(ranges);
        assertThat(split.resolve(spec, List.of(100, 200, 300, 400))).isEqualTo(ranges);
        assertThat(split.resolve(spec)).isEqualTo(ranges);
    }
}
