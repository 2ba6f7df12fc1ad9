package io.kaml.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaml.serve.Instance;
import io.kaml.serve.Predictor;
import io.kaml.serve.TestModels;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GracefulShutdownTest {
    @TempDir
    Path dir;

    /**
     * A request whose body is half sent when the server is told to stop: the server stops accepting
     * connections, but the request is in flight, so it is answered in full before the server stops.
     */
    @Test
    void aRequestInFlightWhenStoppingIsAnsweredInFull() throws Exception {
        Path file = TestModels.write(dir.resolve("m.kaml"), 1);
        List<Instance> instances = List.of(new Instance(Map.of("user_id", "u1", "price", 10), "payment"));
        byte[] body = TestClient.body(instances).getBytes(StandardCharsets.UTF_8);
        ModelServer server = ModelServer.start(LiveModel.load(file), ServerOptions.local(0), line -> { });
        int port = server.port();
        Thread stopping;
        try (RawConnection connection = new RawConnection(port)) {
            connection.startPost("/v1/predict", body.length).send(body, 0, body.length / 2);
            TestClient.waitFor(() -> server.inFlight() == 1);

            stopping = Thread.ofPlatform().start(server::close);
            TestClient.waitFor(() -> refusesConnections(port));
            assertThat(stopping.isAlive()).as("the stop waits for the request in flight").isTrue();

            connection.send(body, body.length / 2, body.length - body.length / 2);
            String response = connection.readResponse();
            assertThat(response).startsWith("HTTP/1.1 200 ");
            String json = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertThat(TestClient.matches(TestClient.JSON.readTree(json), Predictor.load(file).predict(instances))).as(json).isTrue();
        }
        stopping.join(30_000);
        assertThat(stopping.isAlive()).isFalse();
    }

    private static boolean refusesConnections(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
