package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BucketSizing} and {@link DistinctBuckets}: the documented rule, exact narrowing, and what a dataset gets. */
class BucketSizingTest {
    @TempDir
    Path dir;

    @Test
    void theRuleGivesThirtyTwoSlotsPerValueRoundedUpToAPowerOfTwoPlusMissingWithinItsBounds() {
        // By hand: 1 + max(4, min(2^20, nextPow2(32d))).
        assertThat(BucketSizing.buckets(0)).isEqualTo(5);
        assertThat(BucketSizing.buckets(1)).isEqualTo(33);
        assertThat(BucketSizing.buckets(2)).isEqualTo(65);
        assertThat(BucketSizing.buckets(3)).isEqualTo(129);
        assertThat(BucketSizing.buckets(4)).isEqualTo(129);
        assertThat(BucketSizing.buckets(100)).isEqualTo(4_097);
        assertThat(BucketSizing.buckets(2_995)).isEqualTo(131_073);
        assertThat(BucketSizing.buckets(27_285)).isEqualTo((1 << 20) + 1);
        assertThat(BucketSizing.buckets(1 << 15)).isEqualTo((1 << 20) + 1);
        assertThat(BucketSizing.buckets(50_000_000)).isEqualTo((1 << 20) + 1);
        assertThat(BucketSizing.countLimit()).isEqualTo(1 << 15);
    }

    @Test
    void narrowingAValueReadAtTheWidestSizeGivesTheBucketTheHasherGivesAtTheFinalSize() {
        SplittableRandom random = new SplittableRandom(7);
        int fieldSeed = new FeatureHasher(0).fieldSeed("user_id");
        for (int i = 0; i < 20_000; i++) {
            String value = Long.toString(random.nextLong(), 36 - random.nextInt(20));
            int wide = FeatureHasher.bucket(value, fieldSeed, BucketSizing.READ_WIDTH);
            int size = BucketSizing.buckets(random.nextInt(1 << 16));
            assertThat(BucketSizing.narrow(wide, size)).as(value + " at " + size).isEqualTo(FeatureHasher.bucket(value, fieldSeed, size));
        }
        assertThat(BucketSizing.narrow(FeatureEncoder.MISSING_BUCKET, 17)).isZero();
    }

    @Test
    void distinctBucketsCountExactlyUpToTheLimitAndMergeAsTheWhole() {
        DistinctBuckets a = new DistinctBuckets(1_000);
        DistinctBuckets b = new DistinctBuckets(1_000);
        for (int i = 0; i < 300; i++) {
            a.add(1 + i % 200);          // 1..200, each more than once
            b.add(150 + i);              // 150..449
            a.add(FeatureEncoder.MISSING_BUCKET);
        }
        assertThat(a.count()).isEqualTo(200);
        assertThat(b.count()).isEqualTo(300);
        a.merge(b);
        assertThat(a.count()).isEqualTo(449);
        assertThat(a.saturated()).isFalse();
        DistinctBuckets small = new DistinctBuckets(10);
        for (int i = 1; i <= 50; i++) {
            small.add(i);
        }
        assertThat(small.count()).isEqualTo(10);
        assertThat(small.saturated()).isTrue();
    }

    @Test
    void aSpecWithoutBucketsSizesEachFieldFromTheTrainingValuesAndEncodesEverySplitAsTheModelWill() {
        Dataset d = Dataset.load(DatasetSpecParser.parse(SmallDataset.write(dir, SmallDataset.TRAIN)), BadRowPolicy.FAIL);
        FeatureEncoder encoder = d.encoder();
        // Training values: user_id u1..u4 (4), ad_id a1..a3 (3), age_band 3 (one empty), device ios/android (2).
        assertThat(encoder.buckets()).containsExactly(129, 129, 129, 65);
        // The test split's unseen u9/a9/web are hashed at the final size too, as predict and the server will.
        Batch test = d.split(Split.TEST);
        List<String> devices = List.of("web", "ios");
        for (int i = 0; i < test.size(); i++) {
            assertThat(test.categorical()[i * 4 + 3]).isEqualTo(encoder.bucket(3, devices.get(i)));
        }
        assertThat(d.readNotes()).isEqualTo("encoding: buckets sized from the training split's distinct values (32 per value, rounded up"
                + " to a power of two, + 1 for missing; set encoding.buckets or field_buckets to choose): user_id 129 (4 values),"
                + " ad_id 129 (3 values), age_band 129 (3 values), device 65 (2 values)");
    }

    @Test
    void theCacheStoresTheWideBucketsAndReadsThemBackAsInMemory(@TempDir Path cacheRoot) {
        DatasetSpec spec = DatasetSpecParser.parse(SmallDataset.write(dir, SmallDataset.TRAIN));
        Dataset memory = Dataset.load(spec, BadRowPolicy.FAIL);
        try (Dataset cached = Dataset.load(spec, BadRowPolicy.FAIL, cacheRoot, line -> { }, Split.values())) {
            assertThat(cached.encoder().buckets()).containsExactly(memory.encoder().buckets());
            for (Split split : Split.values()) {
                assertThat(cached.split(split).categorical()).containsExactly(memory.split(split).categorical());
            }
            assertThat(cached.readNotes()).isEqualTo(memory.readNotes());
        }
    }

    @Test
    void userSetBucketsFarBeyondTheValuesEarnAWarningNamingTheFieldAndWhatToDo() throws Exception {
        Path yaml = SmallDataset.write(dir, SmallDataset.TRAIN);
        Files.writeString(yaml, SmallDataset.SPEC + "encoding: {buckets: 100000, field_buckets: {device: 3}}\n");
        Dataset d = Dataset.load(DatasetSpecParser.parse(yaml), BadRowPolicy.FAIL);
        assertThat(d.encoder().buckets()).containsExactly(100_000, 100_000, 100_000, 3);
        assertThat(d.readNotes()).isEqualTo("encoding: warning: far more buckets than training values, so most embedding rows never"
                + " train but fill the model and checkpoint files: user_id 100,000 buckets for 4 values, ad_id 100,000 buckets for"
                + " 3 values, age_band 100,000 buckets for 3 values; lower encoding.buckets/field_buckets or remove them to size the"
                + " fields from the data");
    }
}
