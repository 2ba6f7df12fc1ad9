package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
    @TempDir
    Path dir;

    @Test
    void fitsNumericalStatisticsOnTrainAndAppliesThemEverywhere() {
        Dataset d = Dataset.load(DatasetSpecParser.parse(SmallDataset.write(dir, SmallDataset.TRAIN)), BadRowPolicy.FAIL);
        // train prices 10.5, 3, 99, <missing>, 1000 -> log1p: 2.4423, 1.3863, 4.6052, 6.9088
        double[] logs = {Math.log1p(10.5), Math.log1p(3), Math.log1p(99), Math.log1p(1000)};
        double mean = (logs[0] + logs[1] + logs[2] + logs[3]) / 4;
        double var = 0;
        for (double x : logs) {
            var += (x - mean) * (x - mean) / 4;
        }
        NumericalStats stats = d.encoder().stats();
        assertThat(stats.mean()[0]).isCloseTo(mean, within(1e-6));
        assertThat(stats.std()[0]).isCloseTo(Math.sqrt(var), within(1e-6));
        Batch train = d.split(Split.TRAIN);
        assertThat((double) train.numerical()[0]).isCloseTo((logs[0] - mean) / Math.sqrt(var), within(1e-5));
        assertThat(train.numerical()[3]).isZero();
        Batch test = d.split(Split.TEST);
        assertThat((double) test.numerical()[0]).isCloseTo((Math.log1p(7) - mean) / Math.sqrt(var), within(1e-5));
    }

    @Test
    void everySeparatorTheSpecAcceptsReadsTheSameSamplesAsComma() throws IOException {
        Dataset comma = Dataset.load(DatasetSpecParser.parse(SmallDataset.write(dir, SmallDataset.TRAIN)), BadRowPolicy.FAIL);
        // '#' was FastCSV's comment character, refused as a separator with "Control characters must differ".
        for (char separator : new char[] {';', '|', ' ', '#', '\'', '~', '^', '\\', '/', '!', '§', '€', '\t'}) {
            Path sub = Files.createDirectories(dir.resolve("sep-" + (int) separator));
            Dataset read = Dataset.load(DatasetSpecParser.parse(SmallDataset.writeSeparated(sub, separator)), BadRowPolicy.FAIL);
            for (Split split : Split.values()) {
                assertThat(read.split(split)).as("separator U+%04X, %s", (int) separator, split)
                        .usingRecursiveComparison().isEqualTo(comma.split(split));
            }
        }
    }

    @Test
    void advertisersAreIndexedTrainFirstAndSharedAcrossSplits() {
        Dataset d = Dataset.load(DatasetSpecParser.parse(SmallDataset.write(dir, SmallDataset.TRAIN)), BadRowPolicy.FAIL);
        assertThat(d.advertisers().size()).isEqualTo(4);
        assertThat(d.split(Split.TEST).advertiser()).containsExactly(3, 1);
        assertThat(d.advertisers().name(3)).isEqualTo("adv4");
    }

    @Test
    void statsCountTargetsReportsAndAdvertisers() {
        Dataset d = Dataset.load(DatasetSpecParser.parse(SmallDataset.write(dir, SmallDataset.TRAIN)), BadRowPolicy.FAIL);
        DatasetStats stats = DatasetStats.of(List.of(d.split(Split.TRAIN)), d.spec().actions(), d.advertisers());
        DatasetStats.ActionStats activation = stats.perAction().get(0);
        // targeted by rows 1-2 (one positive); reported positive in rows 1, 3, 5; adv1..adv3 all report it.
        assertThat(activation).isEqualTo(new DatasetStats.ActionStats("activation", 2, 1, 3, 0, 1, 3));
        DatasetStats.ActionStats retention = stats.perAction().get(3);
        assertThat(retention).isEqualTo(new DatasetStats.ActionStats("retention", 0, 0, 1, 2, 0, 1));
        assertThat(retention.targetRate()).isNaN();
        assertThat(stats.perAction().get(4).targetRate()).isZero();
        assertThat(stats.perAdvertiser()).extracting(DatasetStats.AdvertiserStats::advertiser).containsExactly("adv1", "adv2", "adv3");
        assertThat(stats.perAdvertiser().get(1).conversions()).containsExactly(1, 1, 1, 0, 0);
        String table = stats.toTable(10);
        assertThat(table).contains("5 samples, 3 advertisers").contains("*1");
        // No sample targets retention: its rate is "-", not "NaN%" (what the table printed before).
        assertThat(table).doesNotContain("NaN").containsPattern("retention\\s+0\\s+0\\s+-\\s");
    }
}
