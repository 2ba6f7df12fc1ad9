package io.kaml.serve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaml.serve.Instance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/predict}, checked: {@code {"instances": [{"features": {...}, "target":
 * "payment"}, ...]}}. Every problem of shape is a 400 naming its path, e.g. {@code instances[3].target:
 * expected an action name (a string), got 5}; feature values go on to the {@link io.kaml.serve.Predictor}
 * as Java values, which checks them against the model's schema in the same words.
 */
record PredictRequest(List<Instance> instances) {
    private static final int SHOWN_CHARACTERS = 60;
    private static final ObjectMapper CONTAINERS = new ObjectMapper();
    private static final String SHAPE = "{\"instances\": [{\"features\": {\"name\": value, ...}, \"target\": \"action\"}]}";

    static PredictRequest parse(JsonNode body, int maxInstances) {
        if (!body.isObject()) {
            throw bad("body", "expected a JSON object like " + SHAPE + ", got " + describe(body));
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!field.getKey().equals("instances")) {
                throw bad(field.getKey(), "unknown key (the body has only \"instances\")");
            }
        }
        JsonNode list = body.get("instances");
        if (list == null) {
            throw bad("instances", "missing; the body must look like " + SHAPE);
        }
        if (!list.isArray()) {
            throw bad("instances", "expected an array, got " + describe(list));
        }
        if (list.isEmpty()) {
            throw bad("instances", "empty; send at least one instance");
        }
        if (list.size() > maxInstances) {
            throw new ApiException(413, "instances: " + list.size() + " instances exceed the limit of " + maxInstances
                    + " per request (the server's --max-instances)");
        }
        List<Instance> instances = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            instances.add(instance("instances[" + i + "]", list.get(i)));
        }
        return new PredictRequest(instances);
    }

    private static Instance instance(String path, JsonNode node) {
        if (!node.isObject()) {
            throw bad(path, "expected an object with \"features\" and optionally \"target\", got " + describe(node));
        }
        JsonNode features = null;
        String target = null;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "features" -> features = value;
                case "target" -> {
                    if (!value.isTextual() && !value.isNull()) {
                        throw bad(path + ".target", "expected an action name (a string), got " + describe(value));
                    }
                    target = value.textValue();
                }
                default -> throw bad(path + "." + field.getKey(), "unknown key (an instance has \"features\" and optionally \"target\")");
            }
        }
        if (features == null) {
            throw bad(path + ".features", "missing; an instance needs an object of feature name to value");
        }
        if (!features.isObject()) {
            throw bad(path + ".features", "expected an object of feature name to value, got " + describe(features));
        }
        Map<String, Object> values = HashMap.newHashMap(features.size());
        for (Map.Entry<String, JsonNode> feature : features.properties()) {
            values.put(feature.getKey(), value(feature.getValue()));
        }
        return new Instance(values, target);
    }

    /** A feature value as the Java value the predictor expects; containers stay containers, to be refused by name. */
    private static Object value(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.numberValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull()) {
            return null;
        }
        return CONTAINERS.convertValue(node, Object.class);
    }

    private static ApiException bad(String path, String problem) {
        return new ApiException(400, path + ": " + problem);
    }

    /** A JSON value as an error message shows it: scalars as written (strings shortened), containers by kind. */
    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        String text = node.toString();
        return text.length() <= SHOWN_CHARACTERS ? text : text.substring(0, SHOWN_CHARACTERS) + "...\"";
    }
}
