package io.kaml.serve.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kaml.artifact.EncoderCodec;
import io.kaml.serve.Prediction;
import io.kaml.serve.Predictor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The JSON the server reads and writes. Requests are parsed strictly: a key given twice or text after the value is malformed. */
final class ApiJson {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private ApiJson() {
    }

    /** @throws ApiException 400 naming where the JSON in {@code body[0, length)} breaks */
    static JsonNode parse(byte[] body, int length) {
        if (length == 0) {
            throw new ApiException(400, "body: empty; expected a JSON object");
        }
        try (JsonParser parser = FACTORY.createParser(body, 0, length)) {
            JsonNode tree = JSON.readTree(parser);
            // Jackson reads a body of only whitespace as no value at all, not as an error.
            if (tree == null || tree.isMissingNode()) {
                throw new ApiException(400, "body: only whitespace; expected a JSON object");
            }
            if (parser.nextToken() != null) {
                throw malformed(parser.currentTokenLocation(), "unexpected " + parser.currentToken().asString() + " after the JSON value");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw malformed(e.getLocation(), JsonErrorText.of(e));
        } catch (IOException e) {
            // Nothing is read from a socket here: an I/O failure is the bytes themselves, a body that Jackson's
            // encoding detection takes for UTF-32 (zero bytes among the first four) and that breaks as such
            // (CharConversionException, whose message counts the decoder's bytes and chars).
            throw new ApiException(400, "body: not JSON text in UTF-8 (zero bytes at its start make it read as UTF-32, "
                    + "and it is not that either)");
        }
    }

    private static ApiException malformed(JsonLocation at, String problem) {
        return new ApiException(400, "body: malformed JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                + ": " + problem);
    }

    /**
     * {@code {"predictions": [{"score": p or null, "actions": {"activation": p, ...}}, ...]}}.
     *
     * @throws ApiException 500 when a probability is not a finite number: JSON has no NaN, and Jackson
     *                      would write the string "NaN" where clients expect a number
     */
    static byte[] predictions(List<Prediction> predictions) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(64 + 160 * predictions.size());
        try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeArrayFieldStart("predictions");
            for (int i = 0; i < predictions.size(); i++) {
                Prediction p = predictions.get(i);
                requireFinite(i, p);
                g.writeStartObject();
                if (p.hasScore()) {
                    g.writeNumberField("score", p.score());
                } else {
                    g.writeNullField("score");
                }
                g.writeObjectFieldStart("actions");
                List<String> actions = p.actions();
                for (int a = 0; a < actions.size(); a++) {
                    g.writeNumberField(actions.get(a), p.probability(a));
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void requireFinite(int instance, Prediction p) {
        for (int a = 0; a < p.actions().size(); a++) {
            if (!Float.isFinite(p.probability(a))) {
                throw new ApiException(500, "instances[" + instance + "]: the model scored " + p.actions().get(a) + " as " + p.probability(a)
                        + ", not a probability; the model is numerically broken for this input (retrain it or reload another), so nothing was answered");
            }
        }
    }

    /**
     * What {@code GET /v1/model} tells: the schema a client must send (with the features it may leave out),
     * the model's shape and how it was made. Paths are shown by their file names only.
     */
    static byte[] model(LiveModel live, ServerOptions options) {
        LiveModel.Version version = live.current();
        Predictor predictor = version.predictor();
        ObjectNode out = JSON.createObjectNode();
        out.put("file", fileName(live.file()));
        out.put("generation", version.generation());
        out.put("loaded_at", version.loadedAt().toString());
        out.put("format_version", predictor.formatVersion());
        predictor.actions().forEach(out.putArray("actions")::add);
        ObjectNode features = out.putObject("features");
        predictor.categoricalFields().forEach(features.putArray("categorical")::add);
        predictor.numericalFields().forEach(features.putArray("numerical")::add);
        predictor.mayBeMissing().forEach(features.putArray("may_be_missing")::add);
        out.set("model", predictor.config().toJson());
        out.set("encoding", EncoderCodec.toJson(predictor.encoder()));
        out.set("provenance", fileNames(predictor.provenance()));
        out.putObject("limits").put("max_body_bytes", options.maxBodyBytes()).put("max_instances", options.maxInstances());
        return bytes(out);
    }

    /**
     * The directories a model and its training data live in tell a caller how the machine is laid out and
     * are no client's business: the API shows file names. The log, which only operators read, keeps paths.
     */
    static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? "" : name.toString();
    }

    /**
     * {@code node} with every string that looks like a path (it holds a separator), such as the training data
     * of the provenance, cut to its last part: {@code /data/ads/dataset.yaml} and {@code s3a://bucket/events/}
     * become {@code dataset.yaml} and {@code events}. Changes {@code node} in place and returns it.
     */
    static JsonNode fileNames(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                property.setValue(fileNames(property.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, fileNames(array.get(i)));
            }
        } else if (node.isTextual() && (node.textValue().contains("/") || node.textValue().contains("\\"))) {
            String path = node.textValue().replaceAll("[/\\\\]+$", "");
            return TextNode.valueOf(path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1));
        }
        return node;
    }

    static byte[] health(LiveModel live) {
        return bytes(JSON.createObjectNode().put("status", "ok").put("generation", live.current().generation()));
    }

    static byte[] reloaded(LiveModel live, LiveModel.Version version) {
        return bytes(JSON.createObjectNode().put("file", fileName(live.file()))
                .put("generation", version.generation()).put("loaded_at", version.loadedAt().toString()));
    }

    static byte[] error(String message) {
        return bytes(JSON.createObjectNode().put("error", message));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("writing a JSON tree to memory cannot fail", e);
        }
    }
}
