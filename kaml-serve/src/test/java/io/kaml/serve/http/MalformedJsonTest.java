package io.kaml.serve.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A malformed predict body's 400 says where and what in the client's terms, never in the parser's. */
class MalformedJsonTest {
    private static String errorOf(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ApiException e = catchThrowableOfType(ApiException.class, () -> ApiJson.parse(bytes, bytes.length));
        assertThat(e.status()).isEqualTo(400);
        return e.getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"instances\": [1, 2", "{'instances': []}", "{instances: []}", "{\"a\": 1,}", "{\"a\": NaN}",
            "{\"a\": -Infinity}", "{\"a\": 01}", "{\"a\": \"x\ny\"}", "{\"a\": \"\\q\"}", "// a comment\n{}", "{\"a\": tru}",
            "{\"a\": 1 \"b\": 2}", "}", "\"abc", "{\"a\": 1.}", "{\"a\": \"\\u12\"}", "{\"a\": 1}}", "{\"a\" 1}"})
    void namesLineAndColumnWithoutTheParsersInternals(String body) {
        assertThat(errorOf(body)).matches("body: malformed JSON at line \\d+, column \\d+: [^\\n]+")
                .doesNotContainIgnoringCase("jackson").doesNotContain("[Source", "`", "Feature", "StreamRead", "JsonRead", "REDACTED");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            // was: ... for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])
            "{ | body: malformed JSON at line 1, column 2: Unexpected end-of-input: expected close marker for Object (opened at line 1, column 1)",
            // was: ...: enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow
            "{\"price\": NaN} | body: malformed JSON at line 1, column 14: Non-standard token 'NaN'",
            // was: ... (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)
            "~/* x */ {}~ | body: malformed JSON at line 1, column 1: Unexpected character ('/' (code 47)): maybe a (non-standard) comment?",
    })
    void saysWhatIsWrongInTheClientsTerms(String body, String message) {
        assertThat(errorOf(body)).isEqualTo(message);
    }

    @Test
    void aBodyThatReadsAsBrokenUtf32SaysSo() {
        byte[] body = {'t', 0, 0, 0, '3'};
        ApiException e = catchThrowableOfType(ApiException.class, () -> ApiJson.parse(body, body.length));
        // was: (Unexpected EOF in the middle of a 4-byte UTF-32 char: got 1, needed 4, at char #1, byte #1))
        assertThat(e.getMessage()).isEqualTo("body: not JSON text in UTF-8 (zero bytes at its start make it read as UTF-32, "
                + "and it is not that either)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // was: ... exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)
            "[ | 1001 | body: malformed JSON: Document nesting depth (1001) exceeds the maximum allowed (1000)",
            "9 | 1100 | body: malformed JSON: Number value length (1100) exceeds the maximum allowed (1000)",
    })
    void aParserLimitIsNamedWithoutItsSetting(String unit, int times, String message) {
        assertThat(errorOf("{\"a\": " + unit.repeat(times))).isEqualTo(message);
    }
}
