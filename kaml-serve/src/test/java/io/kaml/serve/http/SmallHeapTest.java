package io.kaml.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaml.serve.TestModels;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's finding reproduced at a small scale: a server in its own JVM with a 64 MB heap, and 200
 * clients that each declare a 1 MiB body and send one byte (the declared total is three times the heap).
 * The server must keep answering, answer /health within a second once they leave, and stop on SIGTERM.
 */
class SmallHeapTest {
    private static final int HEAP_MB = 64;
    private static final int CLIENTS = 200;
    private static final Pattern IN_FLIGHT = Pattern.compile("kaml_http_requests_in_flight (\\d+)");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void aSmallHeapOutlivesClientsDeclaringLargeBodiesAndTheServerStopsOnSigterm() throws Exception {
        Path model = TestModels.write(dir.resolve("m.kaml"), 1);
        Path stderr = dir.resolve("stderr.txt");
        Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-Xmx" + HEAP_MB + "m",
                "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), ServeInOwnJvm.class.getName(), model.toString())
                .redirectError(stderr.toFile()).start();
        try {
            String first = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(first).as("the server's first line; its stderr: %s", Files.readString(stderr)).startsWith("port ");
            URI base = URI.create("http://127.0.0.1:" + first.substring(5));
            List<RawConnection> clients = new ArrayList<>();
            try {
                for (int c = 0; c < CLIENTS; c++) {
                    clients.add(new RawConnection(base.getPort()).startPost("/v1/predict", 1 << 20).send("{".getBytes(StandardCharsets.US_ASCII)));
                }
                // The metrics request counts itself as in flight.
                assertThat(within(Duration.ofSeconds(5), () -> inFlight(base) == CLIENTS + 1)).as("the server took all %d requests; stderr: %s",
                        CLIENTS, Files.readString(stderr)).isTrue();
            } finally {
                for (RawConnection client : clients) {
                    client.close();
                }
            }
            assertThat(within(Duration.ofSeconds(5), () -> inFlight(base) == 1)).as("the requests ended with their connections").isTrue();
            long start = System.nanoTime();
            HttpResponse<String> health = get(base.resolve("/health"));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms to answer /health").isLessThan(1000);

            // Its keep-alive connection would hold up the graceful stop for Jetty's shutdown idle timeout.
            http.close();
            server.destroy();
            assertThat(server.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s of SIGTERM; stderr: %s", Files.readString(stderr)).isTrue();
            assertThat(Files.readString(stderr)).doesNotContain("OutOfMemoryError");
        } finally {
            server.destroyForcibly().waitFor();
        }
    }

    /** Polls {@code condition} until it holds or {@code limit} has passed, however long each poll takes. */
    private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** Requests in flight as the server's metrics tell, or -1 when it does not answer within a second. */
    private long inFlight(URI base) {
        try {
            Matcher m = IN_FLIGHT.matcher(get(base.resolve("/metrics")).body());
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
