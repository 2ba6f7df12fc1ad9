package io.kaml.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a tiny log split by its day column, for tests of day splits and of reading a log. */
final class SmallLog {
    static final String SPEC = """
            actions: [click, buy]
            log: log.csv
            split: {valid_days: 2, test_days: 1}
            columns:
              id: sample_id
              advertiser: adv
              target: target
              day: day
              labels: {click: y_click, buy: y_buy}
              numerical: [price]
              categorical: [user, ad]
            """;
    /** Days out of order and with gaps; an empty price, unreported labels besides the targets'. */
    static final String LOG = """
            sample_id,day,adv,target,y_click,y_buy,price,user,ad
            s1,5,a2,click,1,,2.5,u1,d1
            s2,3,a1,buy,0,1,,u2,d1
            s3,9,a3,click,0,0,7,u1,d2
            s4,3,a2,click,1,1,1e2,u3,d3
            s5,12,a1,buy,1,0,4,u2,d2
            s6,8,a4,buy,,1,-3,u4,d1
            s7,9,a1,click,1,,0.5,u5,d3
            """;
    /** The distinct days are 3, 5, 8, 9, 12: the last one is the test split, the two before it validation. */
    static final Map<Split, DayRange> DAYS = Map.of(Split.TRAIN, new DayRange(3, 5), Split.VALID, new DayRange(8, 9),
            Split.TEST, new DayRange(12, 12));

    private SmallLog() {
    }

    /** Writes {@code spec} and the log into {@code dir}; returns the parsed spec. */
    static DatasetSpec write(Path dir, String spec) {
        try {
            Files.writeString(dir.resolve("log.csv"), LOG);
            Files.writeString(dir.resolve("dataset.yaml"), spec);
            return DatasetSpecParser.parse(dir.resolve("dataset.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
