package io.kaml.serve.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kaml.serve.PredictionException;
import io.kaml.serve.Predictor;
import io.kaml.serve.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arbitrary bytes as the body of {@code POST /v1/predict}, taken through what the server does with one
 * (JSON, request shape, the predictor's schema checks, the JSON answer) without HTTP around it: either
 * every instance is scored, or the request is refused with a 4xx, which the server answers for an
 * {@link ApiException} below 500 and a {@link PredictionException}. A 500, any other exception, an
 * out-of-memory error or a hang is a finding. The model is {@link TestModels}' (features user_id,
 * ad_id, device, price, user_activity; actions activation, registration, payment).
 */
class PredictRequestFuzzTest {
    @TempDir
    static Path dir;
    private static Predictor predictor;

    @BeforeAll
    static void loadModel() {
        predictor = Predictor.load(TestModels.write(dir.resolve("m.kaml"), 1));
    }

    @FuzzTest
    @Timeout(10)
    void predictBody(byte[] body) {
        try {
            PredictRequest request = PredictRequest.parse(ApiJson.parse(body, body.length), ServerOptions.DEFAULT_MAX_INSTANCES);
            ApiJson.predictions(predictor.predict(request.instances()));
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
        } catch (PredictionException refused) {
            // answered 400
        }
    }
}
