package io.kaml.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kaml.data.MissingValues;
import io.kaml.serve.Instance;
import io.kaml.serve.Predictor;
import io.kaml.serve.TestModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request missing a feature that training never saw missing is a 400 naming it, unless the server runs with --allow-missing. */
class MissingFeaturesApiTest {
    private static final String BODY = """
            {"instances": [
              {"features": {"user_id": "988", "ad_id": "71", "device": "huawei", "price": 58.29, "user_activity": 3}, "target": "payment"},
              {"features": {"user_id": "988", "ad_id": "71", "price": 58.29, "user_activity": 3}, "target": "payment"},
              {"features": {"user_id": "513", "price": "68.5"}}]}""";

    @TempDir
    Path dir;

    @Test
    void aFeatureTrainingNeverSawMissingIsA400UnlessTheServerAllowsIt() throws Exception {
        Path file = TestModels.write(dir.resolve("m.kaml"), 2, new MissingValues(List.of("device"), 0));
        try (ModelServer strict = ModelServer.start(LiveModel.load(file), ServerOptions.local(0), line -> { })) {
            TestClient client = new TestClient(strict.uri());
            TestClient.Answer refused = client.post("/v1/predict", BODY);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().path("error").asText()).isEqualTo("instances[2].features.ad_id: missing, and training never saw it "
                    + "missing (send it, or start the server with --allow-missing)");
            JsonNode model = client.get("/v1/model").json();
            assertThat(model.path("features").path("may_be_missing").toString()).isEqualTo("[\"device\"]");
            assertThat(model.path("encoding").path("missing_in_training").toString()).isEqualTo("[\"device\"]");
            assertThat(model.path("encoding").path("missing_dropout").asDouble()).isZero();

            // The first two instances alone: device is a feature training saw missing.
            String accepted = BODY.substring(0, BODY.lastIndexOf(",\n")) + "]}";
            TestClient.Answer answer = client.post("/v1/predict", accepted);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }
        try (ModelServer allowing = ModelServer.start(LiveModel.load(file, true), ServerOptions.local(0), line -> { })) {
            TestClient client = new TestClient(allowing.uri());
            TestClient.Answer answer = client.post("/v1/predict", BODY);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            List<Instance> instances = List.of(
                    new Instance(Map.of("user_id", "988", "ad_id", "71", "device", "huawei", "price", 58.29, "user_activity", 3), "payment"),
                    new Instance(Map.of("user_id", "988", "ad_id", "71", "price", 58.29, "user_activity", 3), "payment"),
                    new Instance(Map.of("user_id", "513", "price", "68.5"), null));
            assertThat(TestClient.matches(answer.json(), Predictor.load(file, true).predict(instances))).as(answer.body()).isTrue();
            assertThat(client.get("/v1/model").json().path("features").path("may_be_missing").size()).isEqualTo(5);
            // A reload keeps the server's choice.
            assertThat(client.post("/v1/reload", "").status()).isEqualTo(200);
            assertThat(client.post("/v1/predict", BODY).status()).isEqualTo(200);
        }
    }
}
