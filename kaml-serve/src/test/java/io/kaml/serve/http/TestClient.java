package io.kaml.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaml.serve.Instance;
import io.kaml.serve.Prediction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** An HTTP/1.1 client for the server under test, on loopback, and the JSON helpers the tests share. */
final class TestClient {
    /** Floats parsed from their exact decimal text, so a score compares bit for bit. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final String authorization;

    TestClient(URI base) {
        this(base, null);
    }

    /** A client that sends {@code authorization} as the Authorization header of every request. */
    TestClient(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    record Answer(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String error() {
            return json().path("error").asText();
        }

        long generation() {
            return Long.parseLong(response.headers().firstValue(ApiHandler.GENERATION_HEADER).orElseThrow());
        }
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A POST without Content-Length: the body goes chunked, so only reading it shows its size. */
    Answer postChunked(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
    }

    Answer send(String method, String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private Answer send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The predict body for {@code instances}. */
    static String body(List<Instance> instances) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Instance instance : instances) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("features", instance.features());
            if (instance.target() != null) {
                entry.put("target", instance.target());
            }
            list.add(entry);
        }
        try {
            return JSON.writeValueAsString(Map.of("instances", list));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a predict response holds exactly these predictions: every score and probability bit for bit. */
    static boolean matches(JsonNode response, List<Prediction> expected) {
        JsonNode predictions = response.path("predictions");
        if (predictions.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            Prediction p = expected.get(i);
            JsonNode got = predictions.get(i);
            if (p.hasScore() ? !sameFloat(got.get("score"), p.score()) : !got.get("score").isNull()) {
                return false;
            }
            for (int a = 0; a < p.actions().size(); a++) {
                if (!sameFloat(got.path("actions").get(p.actions().get(a)), p.probability(a))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean sameFloat(JsonNode node, float expected) {
        return node != null && node.isNumber() && Float.floatToIntBits(Float.parseFloat(node.asText())) == Float.floatToIntBits(expected);
    }

    /** Polls {@code condition} for up to 20 s; the bound only keeps a broken build from hanging. */
    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 2000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 20 s").isTrue();
    }
}
