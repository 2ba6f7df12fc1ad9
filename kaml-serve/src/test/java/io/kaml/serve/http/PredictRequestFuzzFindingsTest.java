package io.kaml.serve.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What fuzzing the predict request found (issue 12; see {@link PredictRequestFuzzTest}), on the smallest
 * input that shows it.
 */
class PredictRequestFuzzFindingsTest {
    /**
     * Jackson takes a body whose first bytes hold zeros for UTF-32 and fails on a partial character with a
     * CharConversionException, an IOException that is no JsonProcessingException: ApiJson wraps it as
     * "reading JSON from memory cannot fail", and the server answers 500 and logs a stack trace for a
     * five-byte body. The fuzzer found it in 34 variants within seconds.
     */
    @Test
    void aBodyJacksonTakesForBrokenUtf32IsA400() {
        byte[] body = {'t', 0, 0, 0, '3'};
        assertThatThrownBy(() -> ApiJson.parse(body, body.length)).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).status()).isEqualTo(400);
    }
}
