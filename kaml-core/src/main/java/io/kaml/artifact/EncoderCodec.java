package io.kaml.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.data.FeatureEncoder;
import io.kaml.data.MissingValues;
import io.kaml.data.NumericalStats;
import io.kaml.data.NumericalTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link FeatureEncoder} state as it is stored in a model file's metadata, so that {@code eval},
 * {@code predict} and serving encode requests exactly as training did.
 *
 * <p>{@code missing_in_training} lists the features empty in some training row and {@code missing_dropout}
 * the training's dropout to missing ({@link MissingValues}). A file written before kaml recorded them has
 * neither: it still loads, with {@code missing_in_training} unknown (written back as null), so such a model
 * learned no feature as missing and {@link io.kaml.data.MissingRule} refuses rows missing any feature.
 * Absent keys rather than a new format version keep those files loadable.
 */
public final class EncoderCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EncoderCodec() {
    }

    public static ObjectNode toJson(FeatureEncoder encoder) {
        if (!encoder.fitted()) {
            throw new IllegalArgumentException("cannot save an encoder whose numerical statistics are not fitted");
        }
        ObjectNode out = JSON.createObjectNode();
        strings(out.putArray("actions"), encoder.actions());
        strings(out.putArray("categorical"), encoder.categoricalFields());
        ArrayNode buckets = out.putArray("buckets");
        for (int b : encoder.buckets()) {
            buckets.add(b);
        }
        out.put("hash_seed", encoder.hashSeed());
        strings(out.putArray("numerical"), encoder.numericalFields());
        out.put("numerical_transform", encoder.transform().key());
        NumericalStats stats = encoder.stats();
        if (stats != null) {
            ArrayNode mean = out.putArray("numerical_mean");
            ArrayNode std = out.putArray("numerical_std");
            for (int f = 0; f < stats.fields(); f++) {
                mean.add(stats.mean()[f]);
                std.add(stats.std()[f]);
            }
        }
        MissingValues missing = encoder.missing();
        if (missing.seen() == null) {
            out.putNull("missing_in_training");
        } else {
            strings(out.putArray("missing_in_training"), missing.seen());
        }
        out.put("missing_dropout", missing.dropout());
        return out;
    }

    public static FeatureEncoder fromJson(JsonNode node) {
        try {
            List<String> numerical = strings(node.get("numerical"));
            NumericalStats stats = null;
            if (node.has("numerical_mean")) {
                double[] mean = new double[numerical.size()];
                double[] std = new double[numerical.size()];
                for (int f = 0; f < mean.length; f++) {
                    mean[f] = node.get("numerical_mean").get(f).doubleValue();
                    std[f] = node.get("numerical_std").get(f).doubleValue();
                }
                stats = new NumericalStats(mean, std);
            }
            JsonNode bucketsNode = node.get("buckets");
            int[] buckets = new int[bucketsNode.size()];
            for (int f = 0; f < buckets.length; f++) {
                buckets[f] = bucketsNode.get(f).intValue();
            }
            JsonNode seen = node.path("missing_in_training");
            MissingValues missing = new MissingValues(seen.isArray() ? strings(seen) : null, node.path("missing_dropout").asDouble(0));
            return new FeatureEncoder(strings(node.get("actions")), strings(node.get("categorical")), buckets,
                    node.get("hash_seed").intValue(), numerical,
                    NumericalTransform.parse(node.get("numerical_transform").asText()), stats, missing);
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new ArtifactException("the model file's encoder state is incomplete or invalid: " + e.getMessage(), e);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
