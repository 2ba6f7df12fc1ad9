package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SplitReader#over}: rows that arrive from elsewhere (a Spark partition) read as the same rows in a log file. */
class SplitReaderOverTest {
    @TempDir
    Path dir;

    /** Rows held in memory under column names, as a Spark partition hands them over; positions are row numbers. */
    private static final class ListRowSource implements RowSource {
        private final List<String> columns;
        private final List<String[]> rows;
        private int at = -1;

        ListRowSource(List<String> columns, List<String[]> rows) {
            this.columns = columns;
            this.rows = rows;
        }

        @Override
        public Path file() {
            return Path.of("partition-0");
        }

        @Override
        public List<String> columns() {
            return columns;
        }

        @Override
        public boolean next() {
            return ++at < rows.size();
        }

        @Override
        public String cell(int column) {
            return rows.get(at)[column];
        }

        @Override
        public DataException error(String column, String reason) {
            return new DataException(file(), "row " + at, column, reason);
        }

        @Override
        public void close() {
        }
    }

    /** The log's rows with their columns in the order {@link SplitReader#columnsOf} lists them, as a projection reorders them. */
    private static ListRowSource projected(DatasetSpec spec) {
        List<String> lines = SmallLog.LOG.lines().toList();
        List<String> header = List.of(lines.getFirst().split(","));
        List<String> columns = SplitReader.columnsOf(spec);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            rows.add(columns.stream().map(c -> cells[header.indexOf(c)]).toArray(String[]::new));
        }
        return new ListRowSource(columns, rows);
    }

    /** Every row read into one batch per split, train, valid, test. */
    private static Batch[] readAll(SplitReader reader) {
        Batch[] out = new Batch[Split.values().length];
        BatchBuilder[] builders = new BatchBuilder[out.length];
        Arrays.setAll(builders, s -> new BatchBuilder(2, 1, 2, true, 4));
        try (reader) {
            // blocks of 2 rows over all splits, so a block ends between rows of different splits
            for (int n = reader.read(builders, 2); n > 0; n = reader.read(builders, 2)) {
                assertThat(n).isLessThanOrEqualTo(2);
            }
        }
        Arrays.setAll(out, s -> builders[s].build());
        return out;
    }

    @Test
    void rowsHandedOverReachTheirSplitsExactlyAsFromTheLogFile() {
        DatasetSpec spec = SmallLog.write(dir, SmallLog.SPEC);
        AdvertiserIndex fromFile = new AdvertiserIndex();
        Batch[] file = readAll(SplitReader.openLog(spec, FeatureEncoder.unfitted(spec), fromFile, BadRowPolicy.FAIL, new BadRowReport(),
                List.of()));
        AdvertiserIndex handedOver = new AdvertiserIndex();
        Batch[] over = readAll(SplitReader.over(projected(spec), spec, SmallLog.DAYS, FeatureEncoder.unfitted(spec), handedOver,
                BadRowPolicy.FAIL, new BadRowReport()));
        // by hand: days 3..5 train, 8..9 valid, 12 test, in log order; advertisers numbered in log order
        assertThat(over[Split.TRAIN.ordinal()].ids()).containsExactly("s1", "s2", "s4");
        assertThat(over[Split.VALID.ordinal()].ids()).containsExactly("s3", "s6", "s7");
        assertThat(over[Split.TEST.ordinal()].ids()).containsExactly("s5");
        assertThat(handedOver.names()).containsExactly("a2", "a1", "a3", "a4").isEqualTo(fromFile.names());
        for (Split split : Split.values()) {
            Batch a = over[split.ordinal()];
            Batch b = file[split.ordinal()];
            assertThat(a.ids()).as("%s ids", split).containsExactly(b.ids());
            assertThat(a.day()).as("%s days", split).containsExactly(b.day());
            assertThat(a.advertiser()).as("%s advertisers", split).containsExactly(b.advertiser());
            assertThat(a.target()).as("%s targets", split).containsExactly(b.target());
            assertThat(a.labels()).as("%s labels", split).containsExactly(b.labels());
            assertThat(a.categorical()).as("%s categorical", split).containsExactly(b.categorical());
            assertThat(a.numerical()).as("%s numerical", split).containsExactly(b.numerical());
        }
        // s2's empty price is NaN in both, s4's 1e2 a hundred
        assertThat(over[Split.TRAIN.ordinal()].numerical()).containsExactly(2.5f, Float.NaN, 100f);
        assertThat(over[Split.VALID.ordinal()].label(1, 0)).isEqualTo(Batch.UNKNOWN);
    }

    @Test
    void columnsOfListsTheSampleColumnsThenTheFeatures() {
        DatasetSpec spec = SmallLog.write(dir, SmallLog.SPEC);
        assertThat(SplitReader.columnsOf(spec))
                .containsExactly("sample_id", "adv", "target", "day", "y_click", "y_buy", "user", "ad", "price");
        DatasetSpec noId = SmallLog.write(dir, SmallLog.SPEC.replace("  id: sample_id\n", ""));
        assertThat(SplitReader.columnsOf(noId)).containsExactly("adv", "target", "day", "y_click", "y_buy", "user", "ad", "price");
    }
}
