package io.kaml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.data.Batch;
import io.kaml.data.BatchBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReplicaRowsTest {

    /** {@code n} rows with ids r0, r1, …, so an epoch can be read back as the ids it hands out. */
    private static Batch rows(int n) {
        BatchBuilder out = new BatchBuilder(1, 0, 1, true, n);
        for (int i = 0; i < n; i++) {
            out.add(new int[] {i + 1}, new float[0], new byte[] {(byte) (i % 2)}, 0, 0, 0, "r" + i);
        }
        return out.build();
    }

    /** The ids of an epoch's rows, batch by batch, over as many steps as the source's rows need. */
    private static List<List<String>> walk(BatchSource source, long seed, int epoch, int batchSize) {
        int steps = (source.rows() + batchSize - 1) / batchSize;
        BatchSource.Epoch batches = source.epoch(seed, epoch, batchSize);
        List<List<String>> out = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            BatchSource.Slice s = batches.batch(step);
            List<String> ids = new ArrayList<>();
            for (int r = s.from(); r < s.to(); r++) {
                ids.add(s.data().ids()[s.order()[r]]);
            }
            out.add(ids);
        }
        return out;
    }

    private static List<String> flat(List<List<String>> batches) {
        return batches.stream().flatMap(List::stream).toList();
    }

    @Test
    void replicaZeroHoldingEveryRowIsThePlainInMemoryOrder() {
        Batch rows = rows(10);
        ReplicaRows replica = new ReplicaRows(rows, 10, 0);
        InMemoryRows plain = new InMemoryRows(rows);
        assertThat(replica.rows()).isEqualTo(plain.rows());
        for (int epoch = 0; epoch < 3; epoch++) {
            BatchSource.Epoch mine = replica.epoch(7, epoch, 3);
            BatchSource.Epoch theirs = plain.epoch(7, epoch, 3);
            // 10 rows in batches of 3: steps 0..2 full, step 3 holds the one row left
            for (int step = 0; step < 4; step++) {
                BatchSource.Slice a = mine.batch(step);
                BatchSource.Slice b = theirs.batch(step);
                assertThat(a.data()).isSameAs(rows);
                assertThat(a.from()).isEqualTo(b.from()).isEqualTo(3 * step);
                assertThat(a.to()).isEqualTo(b.to()).isEqualTo(Math.min(3 * step + 3, 10));
                for (int r = a.from(); r < a.to(); r++) {
                    assertThat(a.order()[r]).as("epoch %d row %d", epoch, r).isEqualTo(b.order()[r]);
                }
            }
        }
    }

    @Test
    void aSmallerShareCoversEveryRowOnceBeforeAnyRepeatsAndFillsTheEpoch() {
        List<String> all = List.of("r0", "r1", "r2", "r3");
        ReplicaRows replica = new ReplicaRows(rows(4), 10, 1);
        assertThat(replica.rows()).isEqualTo(10);
        List<List<String>> batches = walk(replica, 5, 2, 3);
        assertThat(batches).extracting(List::size).containsExactly(3, 3, 3, 1);
        List<String> epoch = flat(batches);
        // 10 = 4 + 4 + 2: two whole permutations, then two distinct rows of a third
        assertThat(epoch.subList(0, 4)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(epoch.subList(4, 8)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(epoch.subList(8, 10)).doesNotHaveDuplicates().isSubsetOf(all);
        Map<String, Integer> times = new TreeMap<>();
        epoch.forEach(id -> times.merge(id, 1, Integer::sum));
        assertThat(times.values()).containsExactlyInAnyOrder(2, 2, 3, 3);
    }

    @Test
    void theOrderIsAFunctionOfSeedReplicaAndEpoch() {
        Batch rows = rows(20);
        List<String> first = flat(walk(new ReplicaRows(rows, 45, 1), 3, 1, 8));
        assertThat(flat(walk(new ReplicaRows(rows, 45, 1), 3, 1, 8))).isEqualTo(first);
        assertThat(flat(walk(new ReplicaRows(rows, 45, 1), 3, 2, 8))).as("next epoch").isNotEqualTo(first);
        assertThat(flat(walk(new ReplicaRows(rows, 45, 1), 4, 1, 8))).as("other seed").isNotEqualTo(first);
        // the batch size cuts the same order into other batches
        assertThat(flat(walk(new ReplicaRows(rows, 45, 1), 3, 1, 5))).isEqualTo(first);
    }

    @Test
    void replicasShuffleTheirRowsDifferently() {
        Batch rows = rows(20);
        List<List<String>> orders = new ArrayList<>();
        for (int replica = 0; replica < 4; replica++) {
            orders.add(flat(walk(new ReplicaRows(rows, 45, replica), 3, 1, 8)));
        }
        // 20! orders: two equal ones would mean the replica does not enter the seed; the refills too
        assertThat(orders).doesNotHaveDuplicates();
        assertThat(orders.stream().map(o -> o.subList(20, 40)).toList()).doesNotHaveDuplicates();
    }

    @Test
    void aReplicaWithoutRowsIsAnErrorNamingIt() {
        assertThatThrownBy(() -> new ReplicaRows(rows(0), 10, 3)).isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("replica 3 holds no training rows");
    }

    @Test
    void fewerRowsPerEpochThanTheShareHoldsIsRejected() {
        assertThatThrownBy(() -> new ReplicaRows(rows(4), 3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rowsPerEpoch 3 is below this replica's 4 rows");
    }
}
