package io.kaml.serve.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * A JSON parser's complaint in the client's terms: the parser's own message without what only its
 * users could act on, i.e. its location dumps ("[Source: REDACTED (...); line: 1, column: 1]") and the
 * settings that would allow the input (Jackson's feature and constraint names). The error already
 * names the line and column.
 */
final class JsonErrorText {
    /** "(start marker at [Source: ...; line: L, column: C])": where the unclosed object or array opened. */
    private static final Pattern START_MARKER = Pattern.compile("\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)]\\)");
    private static final Pattern SOURCE = Pattern.compile("\\s*(?:at )?\\[Source: .*?; line: \\d+, column: \\d+]");
    /** "...: enable `JsonReadFeature.X` to allow" and "(not recognized as one since Feature 'X' not enabled for parser)". */
    private static final Pattern SETTING = Pattern.compile(":? enable `[^`]*` to allow| \\(not recognized as one since Feature '\\w+' not enabled for parser\\)");
    /** ", from `StreamReadConstraints.getMaxNestingDepth()`" inside a limit's parenthesis. */
    private static final Pattern CONSTRAINT = Pattern.compile(", from `[^`]*`");
    private static final Pattern ANY_CODE_NAME = Pattern.compile("\\s*`[^`]*`");

    private JsonErrorText() {
    }

    static String of(JsonProcessingException e) {
        String text = START_MARKER.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("(opened at line $1, column $2)");
        text = SOURCE.matcher(text).replaceAll("");
        text = SETTING.matcher(text).replaceAll("");
        text = CONSTRAINT.matcher(text).replaceAll("");
        // Should a later parser version name another setting, its name still stays out of the answer.
        return ANY_CODE_NAME.matcher(text).replaceAll("").strip();
    }
}
