package io.kaml.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaml.serve.TestModels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients of a reliability probe: what they cost the server, and that it answers others once they leave. */
class AbusiveClientsTest {
    private static final int DECLARED = 1 << 20;

    @TempDir
    Path dir;

    private Path file;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void model() {
        file = TestModels.write(dir.resolve("m.kaml"), 1);
    }

    /**
     * A hundred connections each declare a 1 MiB body and send one byte. The server's heap allocation
     * while it reads them is a small fraction of the 100 MiB declared (reserving declared lengths is how
     * 600 such clients exhausted a 512 MB heap), and once they leave, /health answers within a second.
     */
    @Test
    void clientsDeclaringLargeBodiesAndSendingOneByteCostWhatArrivedNotWhatTheyDeclared() throws Exception {
        int clients = 100;
        try (ModelServer server = ModelServer.start(LiveModel.load(file), ServerOptions.local(0), log::add)) {
            TestClient client = new TestClient(server.uri());
            assertThat(client.get("/health").status()).isEqualTo(200);
            List<RawConnection> connections = new ArrayList<>();
            long before = allocatedBytes();
            try {
                for (int c = 0; c < clients; c++) {
                    connections.add(new RawConnection(server.port()).startPost("/v1/predict", DECLARED).send("{".getBytes(StandardCharsets.US_ASCII)));
                }
                TestClient.waitFor(() -> server.inFlight() == clients);
                long allocated = allocatedBytes() - before;
                assertThat(allocated).as("bytes allocated while reading %d one-byte bodies", clients).isLessThan((long) clients * DECLARED / 8);
                assertThat(server.bodyBytesHeld()).isEqualTo((long) clients * BodyReader.FIRST_BUFFER);
            } finally {
                for (RawConnection connection : connections) {
                    connection.close();
                }
            }
            TestClient.waitFor(() -> server.inFlight() == 0 && server.bodyBytesHeld() == 0);
            long start = System.nanoTime();
            assertThat(client.get("/health").status()).isEqualTo(200);
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms to answer /health").isLessThan(1000);
        }
    }

    /**
     * Two clients hold bodies that take all but 4 KiB of a 64 KiB budget: a 10 KiB body gets 503 while a
     * small one is still served, and once the two leave, their share is back and the large body is served.
     */
    @Test
    void aBodyBeyondTheBudgetGets503UntilTheBodiesHeldAreDone() throws Exception {
        int declared = 30 * 1024;
        ServerOptions options = ServerOptions.local(0).withLimits(32 * 1024, 5).withBodyBudget(64 * 1024);
        String small = "{\"instances\": [{\"features\": {}}]}";
        String large = small + " ".repeat(10 * 1024);
        try (ModelServer server = ModelServer.start(LiveModel.load(file), options, log::add)) {
            TestClient client = new TestClient(server.uri());
            try (RawConnection first = new RawConnection(server.port()); RawConnection second = new RawConnection(server.port())) {
                // One byte short of the declared length, so each holds a buffer of about the declared size and asks for no more.
                byte[] holding = " ".repeat(declared - 1).getBytes(StandardCharsets.US_ASCII);
                first.startPost("/v1/predict", declared).send(holding);
                second.startPost("/v1/predict", declared).send(holding);
                TestClient.waitFor(() -> server.bodyBytesHeld() >= 2L * (declared - 1));

                TestClient.Answer refused = client.post("/v1/predict", large);
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.error()).isEqualTo("body: the server holds as many request bodies as it may at once (65536 bytes, its"
                        + " --body-budget-bytes); try again shortly");
                assertThat(client.post("/v1/predict", small).status()).isEqualTo(200);
            }
            TestClient.waitFor(() -> server.bodyBytesHeld() == 0);
            assertThat(client.post("/v1/predict", large).status()).isEqualTo(200);
            assertThat(client.get("/metrics").body()).contains("kaml_http_requests_total{endpoint=\"/v1/predict\",status=\"503\"} 1\n")
                    .contains("kaml_http_request_body_bytes_held 0\n");
        }
    }

    /** A connection that sends nothing is closed after the idle timeout, and a request whose body stalls gets 408. */
    @Test
    void idleConnectionsAreClosedAndAStalledBodyGets408() throws Exception {
        ServerOptions options = ServerOptions.local(0).withConnections(ServerOptions.DEFAULT_MAX_CONNECTIONS, Duration.ofMillis(500),
                ServerOptions.DEFAULT_MIN_BODY_RATE);
        try (ModelServer server = ModelServer.start(LiveModel.load(file), options, log::add);
             RawConnection idle = new RawConnection(server.port());
             RawConnection stalled = new RawConnection(server.port())) {
            String response = stalled.startPost("/v1/predict", 100).send("{\"inst".getBytes(StandardCharsets.US_ASCII)).readResponse();
            // Jetty reports the time it measured beside the timeout: 500/500 ms, or 501/500 ms on a busy machine.
            assertThat(response).startsWith("HTTP/1.1 408 ")
                    .containsPattern("\\{\"error\":\"body: the rest of it did not arrive in time \\(Idle timeout expired: 5\\d\\d/500 ms\\)\"}");
            assertThat(idle.closedWithin(Duration.ofSeconds(2))).isTrue();
            TestClient.waitFor(() -> server.bodyBytesHeld() == 0);
        }
    }

    /** A body that keeps arriving, one byte every 100 ms, is refused once the grace period is over. */
    @Test
    void aBodyTricklingInBelowTheMinimumRateGets408() throws Exception {
        ServerOptions options = ServerOptions.local(0).withConnections(ServerOptions.DEFAULT_MAX_CONNECTIONS, ServerOptions.DEFAULT_IDLE_TIMEOUT, 1000);
        try (ModelServer server = ModelServer.start(LiveModel.load(file), options, log::add);
             RawConnection slow = new RawConnection(server.port())) {
            slow.startPost("/v1/predict", 1000);
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        slow.send(new byte[] {' '});
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // The server answered and closed the connection, or the test is over.
                }
            });
            long start = System.nanoTime();
            String response = slow.readResponse();
            trickle.interrupt();
            assertThat(response).startsWith("HTTP/1.1 408 ").contains("slower than the minimum of 1000 bytes/s (the server's --min-body-rate)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(BodyReader.GRACE, BodyReader.GRACE.plusSeconds(1));
        }
    }

    /**
     * At the connection limit the server stops accepting and closes idle connections after {@link
     * ModelServer#IDLE_AT_LIMIT} instead of the 30 s idle timeout, so a client trying to connect gets in:
     * the connections are half-closed after one idle period and closed after the second.
     */
    @Test
    void atTheConnectionLimitIdleConnectionsMakeWayForNewClients() throws Exception {
        int limit = 8;
        ServerOptions options = ServerOptions.local(0).withConnections(limit, ServerOptions.DEFAULT_IDLE_TIMEOUT, ServerOptions.DEFAULT_MIN_BODY_RATE);
        List<RawConnection> idle = new ArrayList<>();
        try (ModelServer server = ModelServer.start(LiveModel.load(file), options, log::add)) {
            for (int c = 0; c < limit - 1; c++) {
                idle.add(new RawConnection(server.port()));
            }
            // Jetty shortens the idle timeout of the connections it has set up when the limit is reached;
            // give it the moment it takes, as the connections of a real flood have had.
            Thread.sleep(300);
            idle.add(new RawConnection(server.port()));
            long start = System.nanoTime();
            String health = "";
            while (!health.startsWith("HTTP/1.1 200 ") && System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
                // At the limit a connection may be accepted and closed at once: a client tries again.
                try (RawConnection client = new RawConnection(server.port())) {
                    health = client.get("/health").readResponse();
                } catch (IOException e) {
                    Thread.sleep(50);
                }
            }
            assertThat(health).startsWith("HTTP/1.1 200 ");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for a free connection")
                    .isBetween(ModelServer.IDLE_AT_LIMIT.minusMillis(500), ModelServer.IDLE_AT_LIMIT.multipliedBy(2).plusSeconds(1));
            for (RawConnection connection : idle.subList(0, limit - 1)) {
                assertThat(connection.closedWithin(Duration.ofMillis(100))).isTrue();
            }
        } finally {
            for (RawConnection connection : idle) {
                connection.close();
            }
        }
    }

    /** Heap bytes allocated by every thread of this JVM so far: the server's and this test's. */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }
}
