package io.kaml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replicas are threads of this JVM on loopback; each has its own ring end, as it would in its own process. */
@Timeout(20)
class TcpRingTest {
    static final String TOKEN = "job-42";
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    static List<ServerSocket> servers(int k) throws IOException {
        List<ServerSocket> servers = new ArrayList<>();
        for (int r = 0; r < k; r++) {
            servers.add(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        }
        return servers;
    }

    static List<String> addresses(List<ServerSocket> servers) {
        return servers.stream().map(s -> s.getInetAddress().getHostAddress() + ":" + s.getLocalPort()).toList();
    }

    /** Forms a ring of k ranks, each on its own thread as the ranks would be in their own processes. */
    static List<TcpRing> ring(int k, Duration timeout) throws Exception {
        List<ServerSocket> servers = servers(k);
        List<String> addresses = addresses(servers);
        return onEveryRank(k, r -> TcpRing.connect(r, addresses, servers.get(r), TOKEN, timeout));
    }

    /** Runs work(rank) for every rank at once; the results in rank order. */
    static <T> List<T> onEveryRank(int k, IntFunction<T> work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(k);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int r = 0; r < k; r++) {
                int rank = r;
                futures.add(threads.submit(() -> work.apply(rank)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(10, TimeUnit.SECONDS));
            }
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        } finally {
            threads.shutdownNow();
        }
    }

    private List<TcpRing> openRing(int k, Duration timeout) throws Exception {
        List<TcpRing> rings = ring(k, timeout);
        open.addAll(rings);
        return rings;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void allReduceSumGivesEveryRankTheSameBitsCloseToTheExactSum(int k) throws Exception {
        List<TcpRing> rings = openRing(k, TIMEOUT);
        // lengths not divisible by k, smaller than k, and chunks of megabytes, beyond a socket's buffers
        for (int length : new int[] {0, 1, 2, 7, 1000, 3_000_001}) {
            float[][] inputs = new float[k][];
            for (int r = 0; r < k; r++) {
                inputs[r] = randomFloats(31L * r + length, length);
            }
            List<float[]> first = allReduce(rings, inputs);
            for (float[] result : first) {
                assertThat(Arrays.equals(result, first.get(0))).isTrue();
                assertThat(result[0]).isEqualTo(-7f);
                assertThat(result[length + 1]).isEqualTo(-7f);
            }
            int worst = -1;
            for (int i = 0; i < length && worst < 0; i++) {
                double exact = 0;
                double magnitude = 0;
                for (float[] input : inputs) {
                    exact += input[i];
                    magnitude += Math.abs(input[i]);
                }
                worst = Math.abs(first.get(0)[i + 1] - exact) > 1e-6 * magnitude ? i : -1;
            }
            assertThat(worst).as("first element off the float64 sum").isEqualTo(-1);
            List<float[]> second = allReduce(rings, inputs);
            for (int r = 0; r < k; r++) {
                assertThat(Arrays.equals(second.get(r), first.get(r))).as("same inputs, same bits").isTrue();
            }
        }
        if (k == 1) {
            assertThat(rings.get(0).bytesSent()).isZero();
            assertThat(rings.get(0).nanos()).isZero();
        } else {
            // the large array went round twice, 2(k-1)/k of it each time
            assertThat(rings.get(0).bytesSent()).isGreaterThan(2 * 2L * (k - 1) * 4 * 3_000_000 / k);
            assertThat(rings.get(0).nanos()).isPositive();
        }
    }

    /** Each rank's input sits at offset 1 between two sentinels the allreduce must not touch. */
    private static List<float[]> allReduce(List<TcpRing> rings, float[][] inputs) throws Exception {
        return onEveryRank(rings.size(), r -> {
            float[] data = new float[inputs[r].length + 2];
            System.arraycopy(inputs[r], 0, data, 1, inputs[r].length);
            data[0] = -7f;
            data[data.length - 1] = -7f;
            rings.get(r).allReduceSum(data, 1, inputs[r].length);
            return data;
        });
    }

    static float[] randomFloats(long seed, int length) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void allGatherReturnsEveryRanksBytesInRankOrder(int k) throws Exception {
        List<TcpRing> rings = openRing(k, TIMEOUT);
        IntFunction<byte[]> mine = r -> {
            byte[] bytes = new byte[r == 1 ? 0 : 100_000 * r + 3];
            new SplittableRandom(r).nextBytes(bytes);
            return bytes;
        };
        List<byte[][]> gathered = onEveryRank(k, r -> rings.get(r).allGather(mine.apply(r)));
        for (byte[][] all : gathered) {
            assertThat(all.length).isEqualTo(k);
            for (int r = 0; r < k; r++) {
                assertThat(all[r]).isEqualTo(mine.apply(r));
            }
        }
        List<byte[][]> empty = onEveryRank(k, r -> rings.get(r).allGather(new byte[0]));
        assertThat(empty).allSatisfy(all -> assertThat(Arrays.asList(all)).hasSize(k).allSatisfy(bytes -> assertThat(bytes).isEmpty()));
    }

    @Test
    void aPeerThatClosesMidOperationFailsTheOthersAtOnceNamingTheLostRank() throws Exception {
        List<TcpRing> rings = openRing(3, TIMEOUT);
        long start = System.nanoTime();
        // ranks 0 and 1 start an allreduce that rank 2 leaves half done by closing its ring end
        List<Throwable> failures = onEveryRank(3, r -> {
            if (r == 2) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                rings.get(2).close();
                return null;
            }
            float[] data = new float[2_000_000];
            try {
                rings.get(r).allReduceSum(data, 0, data.length);
                return null;
            } catch (TrainingException e) {
                return e;
            }
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
        assertThat(failures.get(0)).isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("ring allreduce: rank 0 lost the connection to rank 2 of 3");
        assertThat(failures.get(1)).isInstanceOf(TrainingException.class).hasMessageContaining("rank 1 lost the connection");
        // a failed ring is closed, so the next collective fails at once instead of hanging
        assertThatThrownBy(() -> rings.get(0).allGather(new byte[1])).isInstanceOf(TrainingException.class)
                .hasMessageContaining("closed");
        rings.get(0).close();
    }

    @Test
    void aSilentPeerFailsTheCollectiveAfterTheTimeout() throws Exception {
        List<TcpRing> rings = openRing(2, Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThatThrownBy(() -> rings.get(0).allReduceSum(new float[10], 0, 10)).isInstanceOf(TrainingException.class)
                .hasMessageContaining("rank 0 lost the connection to rank 1 of 2").hasMessageContaining("300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofMillis(1500));
    }

    @Test
    void aConnectionWithAWrongTokenIsRefusedAndTheRingStillForms() throws Exception {
        List<ServerSocket> servers = servers(2);
        List<String> addresses = addresses(servers);
        try (Socket stray = new Socket(InetAddress.getLoopbackAddress(), servers.get(1).getLocalPort())) {
            // it claims to be rank 0 of 2, of another job; it is first in rank 1's backlog
            TcpRing.writeHello(stray.getOutputStream(), "job-7", 0, 2);
            List<TcpRing> rings = onEveryRank(2, r -> TcpRing.connect(r, addresses, servers.get(r), TOKEN, TIMEOUT));
            open.addAll(rings);
            stray.setSoTimeout(2000);
            assertThat(stray.getInputStream().read()).as("no hello back, just the close").isEqualTo(-1);
            List<byte[][]> gathered = onEveryRank(2, r -> rings.get(r).allGather(new byte[] {(byte) r}));
            assertThat(gathered.get(1)[0]).containsExactly(0);
        }
    }

    @Test
    void replicasOfDifferentJobsDoNotFormARing() throws Exception {
        List<ServerSocket> servers = servers(2);
        List<String> addresses = addresses(servers);
        List<Object> outcomes = onEveryRank(2, r -> {
            try {
                return TcpRing.connect(r, addresses, servers.get(r), r == 0 ? "job-a" : "job-b", Duration.ofMillis(300));
            } catch (TrainingException e) {
                return e;
            }
        });
        outcomes.stream().filter(TcpRing.class::isInstance).forEach(ring -> open.add((TcpRing) ring));
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).asInstanceOf(THROWABLE).isInstanceOf(TrainingException.class)
                .hasMessageContaining("ring setup").hasMessageContaining("got no valid connection")
                .hasMessageContaining("refusing 1 other connection"));
        assertThat(servers).allSatisfy(server -> assertThat(server.isClosed()).isTrue());
    }
}
