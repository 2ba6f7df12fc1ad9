package io.kaml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How a ring forms, or fails to: the setup stage is named in the error, and arrival order does not matter. */
@Timeout(20)
class RingSetupTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void ranksArrivingInAnyOrderFormTheRing() throws Exception {
        List<ServerSocket> servers = TcpRingTest.servers(3);
        List<String> addresses = TcpRingTest.addresses(servers);
        // rank 2 first, rank 0 last: each connects into a backlog nobody accepts from yet
        List<TcpRing> rings = TcpRingTest.onEveryRank(3, r -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200L * (2 - r)));
            return TcpRing.connect(r, addresses, servers.get(r), TcpRingTest.TOKEN, TcpRingTest.TIMEOUT);
        });
        try {
            List<byte[][]> gathered = TcpRingTest.onEveryRank(3, r -> rings.get(r).allGather(new byte[] {(byte) (10 + r)}));
            assertThat(gathered).allSatisfy(all -> assertThat(all).isEqualTo(new byte[][] {{10}, {11}, {12}}));
            assertThat(servers).allSatisfy(server -> assertThat(server.isClosed()).as("closed once the ring formed").isTrue());
        } finally {
            rings.forEach(TcpRing::close);
        }
    }

    @Test
    void aPreviousRankThatNeverComesIsNamedAfterTheTimeout() throws Exception {
        List<ServerSocket> servers = TcpRingTest.servers(2);
        try (ServerSocket absent = servers.get(1)) {
            long start = System.nanoTime();
            // rank 0 reaches rank 1's backlog and says hello, but rank 1 never connects back
            assertThatThrownBy(() -> TcpRing.connect(0, TcpRingTest.addresses(servers), servers.get(0), TcpRingTest.TOKEN, SHORT))
                    .isInstanceOf(TrainingException.class)
                    .hasMessage("ring setup: rank 0 of 2 got no valid connection from rank 1 (timed out after refusing 0 other "
                            + "connection(s); timeout 300 ms)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofMillis(1500));
            assertThat(servers.get(0).isClosed()).isTrue();
            assertThat(absent.isClosed()).isFalse();
        }
    }

    @Test
    void nothingListeningAtTheNextRankIsRetriedUntilTheTimeout() throws Exception {
        List<ServerSocket> servers = TcpRingTest.servers(2);
        List<String> addresses = TcpRingTest.addresses(servers);
        servers.get(1).close();
        long start = System.nanoTime();
        assertThatThrownBy(() -> TcpRing.connect(0, addresses, servers.get(0), TcpRingTest.TOKEN, SHORT))
                .isInstanceOf(TrainingException.class)
                .hasMessage("ring setup: rank 0 of 2 could not connect to rank 1 at " + addresses.get(1) + " (timed out; timeout 300 ms)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofMillis(1500));
        assertThat(servers.get(0).isClosed()).isTrue();
    }
}
