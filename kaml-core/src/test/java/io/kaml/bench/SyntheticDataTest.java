package io.kaml.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.data.Batch;
import io.kaml.data.FeatureEncoder;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {
    @Test
    void sameSeedSameBatchOtherSeedOtherIds() {
        Batch a = SyntheticData.generate(3000, 4, 500, 3, 9);
        Batch b = SyntheticData.generate(3000, 4, 500, 3, 9);
        Batch c = SyntheticData.generate(3000, 4, 500, 3, 10);
        assertThat(a.categorical()).isEqualTo(b.categorical());
        assertThat(a.labels()).isEqualTo(b.labels());
        assertThat(a.target()).isEqualTo(b.target());
        assertThat(a.advertiser()).isEqualTo(b.advertiser());
        assertThat(a.categorical()).isNotEqualTo(c.categorical());
    }

    @Test
    void idsInRangeTargetLabelAlwaysKnownOthersSometimesUnknown() {
        int rows = 20_000;
        int actions = 5;
        Batch batch = SyntheticData.generate(rows, 3, 1000, actions, 1);
        assertThat(batch.size()).isEqualTo(rows);
        assertThat(batch.numericalFields()).isZero();
        for (int id : batch.categorical()) {
            assertThat(id).isBetween(0, 999);
        }
        int unknown = 0;
        int[] targeted = new int[actions];
        for (int i = 0; i < rows; i++) {
            assertThat(batch.targetLabel(i)).isIn((byte) 0, (byte) 1);
            targeted[batch.target()[i]]++;
            for (int j = 0; j < actions; j++) {
                if (batch.label(i, j) == Batch.UNKNOWN) {
                    unknown++;
                }
            }
        }
        assertThat(unknown).isGreaterThan(0).isLessThan(rows * (actions - 1));
        assertThat(targeted[0]).as("the first action is targeted most").isGreaterThan(targeted[actions - 1]);
    }

    @Test
    void idsAreSkewedAndHotBucketsDifferByField() {
        int rows = 50_000;
        int fields = 2;
        int buckets = 10_000;
        Batch batch = SyntheticData.generate(rows, fields, buckets, 2, 3);
        int[][] counts = new int[fields][buckets];
        for (int i = 0; i < rows; i++) {
            for (int f = 0; f < fields; f++) {
                counts[f][batch.categorical()[i * fields + f]]++;
            }
        }
        int[] hottest = new int[fields];
        for (int f = 0; f < fields; f++) {
            int distinct = 0;
            for (int k = 0; k < buckets; k++) {
                if (counts[f][k] > counts[f][hottest[f]]) {
                    hottest[f] = k;
                }
                if (counts[f][k] > 0) {
                    distinct++;
                }
            }
            assertThat(counts[f][hottest[f]]).as("the hottest bucket of field %d", f).isGreaterThan(rows / 50); // about 4.7% at s = 0.9, 20% at s = 1.3
            assertThat(distinct).as("distinct buckets of field %d", f).isLessThan(buckets).isGreaterThan(buckets / 20);
        }
        assertThat(hottest[0]).isNotEqualTo(hottest[1]);
    }

    @Test
    void powerLawRankCoversTheRangeWithRankZeroMostLikely() {
        assertThat(SyntheticData.powerLawRank(0, 100, 1.1)).isZero();
        assertThat(SyntheticData.powerLawRank(Math.nextDown(1.0), 100, 1.1)).isEqualTo(99);
        assertThat(SyntheticData.powerLawRank(0.5, 100, 1.0)).isEqualTo(9); // sqrt(101) = 10.05
        assertThat(SyntheticData.powerLawRank(0.3, 100, 0.9)).isLessThan(SyntheticData.powerLawRank(0.6, 100, 0.9));
    }

    @Test
    void encoderMatchesTheBatch() {
        FeatureEncoder encoder = SyntheticData.encoder(20, 100_000, 5);
        assertThat(encoder.fitted()).isTrue();
        assertThat(encoder.categoricalFields()).hasSize(20);
        assertThat(encoder.actions()).hasSize(5);
        assertThat(encoder.totalBuckets()).isEqualTo(2_000_000);
        assertThatThrownBy(() -> SyntheticData.generate(0, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
