package io.kaml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.data.Batch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributionMaskTest {
    // 2 actions, 2 advertisers. Advertiser 0 reports action 1 on days 0, 0, 2 and 5; advertiser 1 never does.
    // Rows: (adv, target, day, y0, y1)
    private static final int[][] ROWS = {
            {0, 0, 0, 1, 1}, {0, 0, 0, 0, 1}, {0, 0, 2, 0, 1}, {0, 0, 5, 1, 1}, {0, 0, 5, 0, 0},
            {1, 1, 1, 0, 0}, {1, 0, 3, 1, 0}, {1, 0, 4, 0, Batch.UNKNOWN}};
    private static final Batch TRAIN = batch();

    private static Batch batch() {
        int n = ROWS.length;
        byte[] labels = new byte[n * 2];
        int[] adv = new int[n];
        int[] target = new int[n];
        int[] day = new int[n];
        for (int i = 0; i < n; i++) {
            adv[i] = ROWS[i][0];
            target[i] = ROWS[i][1];
            day[i] = ROWS[i][2];
            labels[2 * i] = (byte) ROWS[i][3];
            labels[2 * i + 1] = (byte) ROWS[i][4];
        }
        return new Batch(n, 0, 0, 2, new int[0], new float[0], labels, target, adv, day, null);
    }

    @Test
    void countsOverBlocksEqualCountsOverTheWholeSplit() {
        AttributionCounts whole = AttributionCounts.of(TRAIN, 2);
        int[] all = new int[TRAIN.size()];
        Arrays.setAll(all, i -> i);
        // Blocks in another order than the rows', as a streamed split may hand them out.
        AttributionCounts blocks = AttributionCounts.of(List.of(TRAIN.gather(all, 5, 8), TRAIN.gather(all, 0, 3),
                TRAIN.gather(all, 3, 5)), 2);
        assertSameCounts(blocks, whole);
        assertThat(blocks.count(0, 1, 2, 3)).isEqualTo(3);
    }

    /** Every query of the fixture's advertisers (and one unseen), actions, days and windows agrees. */
    private static void assertSameCounts(AttributionCounts actual, AttributionCounts expected) {
        for (int adv = 0; adv < 3; adv++) {
            for (int j = 0; j < 2; j++) {
                for (int day = -1; day <= 7; day++) {
                    for (int window : new int[] {AttributionCounts.ALL_DAYS, 1, 2, 3, 10}) {
                        assertThat(actual.count(adv, j, day, window)).as("adv %d action %d day %d T %d", adv, j, day, window)
                                .isEqualTo(expected.count(adv, j, day, window));
                    }
                }
            }
        }
    }

    /** Rows {@code rows} of the fixture as a part that numbers advertiser {@code a} as {@code localOf[a]}. */
    private static Batch part(int[] rows, int[] localOf) {
        Batch b = TRAIN.gather(rows, 0, rows.length);
        int[] local = Arrays.stream(b.advertiser()).map(a -> localOf[a]).toArray();
        return new Batch(b.size(), 0, 0, 2, new int[0], new float[0], b.labels(), b.target(), local, b.day(), null);
    }

    private static AttributionCounts.Tally tally(Batch... blocks) {
        AttributionCounts.Tally tally = new AttributionCounts.Tally();
        for (Batch block : blocks) {
            tally.add(block);
        }
        return tally;
    }

    @Test
    void talliesOfPartsWithTheirOwnAdvertiserNumbersMergeToTheWholeCounts() {
        // part A numbers advertiser 1 as 0 and 0 as 1; part B keeps the numbers; each sees days the other does not
        AttributionCounts.Tally a = tally(part(new int[] {0, 3, 5, 7}, new int[] {1, 0}));
        AttributionCounts.Tally b = tally(part(new int[] {1, 2, 4, 6}, new int[] {0, 1}));
        AttributionCounts.Tally merged = new AttributionCounts.Tally();
        merged.merge(a, new int[] {1, 0});
        merged.merge(b, new int[] {0, 1});
        AttributionCounts counts = merged.counts(2);
        assertSameCounts(counts, AttributionCounts.of(TRAIN, 2));
        // by hand: advertiser 0's action 1 on days 0, 0 (part A, B) and 2 (B) fall in (2 - 3, 2]
        assertThat(counts.count(0, 1, 2, 3)).isEqualTo(3);
        assertThat(counts.count(1, 0, 5, AttributionCounts.ALL_DAYS)).isEqualTo(1);
    }

    @Test
    void mergingAnEmptyTallyChangesNothing() {
        AttributionCounts.Tally tally = tally(TRAIN);
        tally.merge(new AttributionCounts.Tally(), new int[0]);
        assertSameCounts(tally.counts(2), AttributionCounts.of(TRAIN, 2));
    }

    @Test
    void blocksOfDifferentActionCountsAreRejected() {
        Batch threeActions = new Batch(1, 0, 0, 3, new int[0], new float[0], new byte[] {1, 0, 0}, new int[1], new int[1],
                new int[1], null);
        assertThatThrownBy(() -> tally(TRAIN, threeActions)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blocks of 3 and 2 actions");
        assertThatThrownBy(() -> tally(TRAIN).merge(tally(threeActions), new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("blocks of 3 and 2 actions");
    }

    @Test
    void aTallySurvivesJavaSerialization() throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(tally(TRAIN));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            AttributionCounts.Tally copy = (AttributionCounts.Tally) in.readObject();
            assertSameCounts(copy.counts(2), AttributionCounts.of(TRAIN, 2));
            // and it goes on counting: the fixture twice doubles every count
            copy.add(TRAIN);
            assertThat(copy.counts(2).count(0, 1, 5, AttributionCounts.ALL_DAYS)).isEqualTo(8);
        }
    }

    @Test
    void countsReportedConversionsInTheWindow() {
        AttributionCounts counts = AttributionCounts.of(TRAIN, 2);
        assertThat(counts.count(0, 1, 5, AttributionCounts.ALL_DAYS)).isEqualTo(4);
        assertThat(counts.count(0, 1, 1, AttributionCounts.ALL_DAYS)).isEqualTo(4);
        // days (2 - 3, 2] = {0, 1, 2}: the two on day 0 and one on day 2
        assertThat(counts.count(0, 1, 2, 3)).isEqualTo(3);
        // days (5 - 3, 5] = {3, 4, 5}: one on day 5
        assertThat(counts.count(0, 1, 5, 3)).isEqualTo(1);
        // a day between training days, and a window before any of them
        assertThat(counts.count(0, 1, 4, 2)).isZero();
        assertThat(counts.count(0, 0, 9, 100)).isEqualTo(2);
        assertThat(counts.count(1, 1, 5, AttributionCounts.ALL_DAYS)).isZero();
        assertThat(counts.count(1, 0, 5, AttributionCounts.ALL_DAYS)).isEqualTo(1);
        assertThat(counts.count(7, 0, 5, AttributionCounts.ALL_DAYS)).as("unseen advertiser").isZero();
    }

    @Test
    void admTrustsTheTargetAndReliablyReportedLabelsOnly() {
        LabelMask adm = LabelMask.adm(AttributionCounts.of(TRAIN, 2), new long[] {2, 3}, AttributionCounts.ALL_DAYS);
        float[] mask = new float[ROWS.length * 2];
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7};
        adm.fill(TRAIN, all, 0, 8, mask);
        // advertiser 0: action 0 has 2 reports (alpha 2: trusted), action 1 has 4 (alpha 3: trusted)
        // advertiser 1: action 0 has 1 (< 2), action 1 has 0; only its targets are trusted
        assertThat(mask).containsExactly(
                1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                0, 1, 1, 0, 1, 0);
    }

    @Test
    void aShortWindowTrustsOnlyRecentReporting() {
        LabelMask adm = LabelMask.adm(AttributionCounts.of(TRAIN, 2), new long[] {1, 2}, 2);
        // advertiser 0, action 1 on day 2 with T = 2: days {1, 2} hold one report (< 2)
        assertThat(adm.trusted(TRAIN, 2, 1)).isFalse();
        // on day 0: days {-1, 0} hold two reports
        assertThat(adm.trusted(TRAIN, 0, 1)).isTrue();
        assertThat(adm.toString()).isEqualTo("adm(alpha=[1, 2], window=2 days)");
    }

    @Test
    void rejectsBadSettings() {
        AttributionCounts counts = AttributionCounts.of(TRAIN, 2);
        assertThatThrownBy(() -> LabelMask.adm(counts, new long[] {0, 1}, 0)).hasMessageContaining("alpha of action 0");
        assertThatThrownBy(() -> LabelMask.adm(counts, new long[] {1, 1}, -1)).hasMessageContaining("window");
    }
}
