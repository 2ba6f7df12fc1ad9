package io.kaml.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.artifact.ArtifactException;
import io.kaml.artifact.ModelStore;
import io.kaml.data.CellNumbers;
import io.kaml.data.FeatureEncoder;
import io.kaml.model.BackboneKind;
import io.kaml.model.MultiTaskModel;
import io.kaml.model.Scorer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PredictorTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"MMOE, false", "PLE, true", "SHARED_BOTTOM, false", "SINGLE_TASK, true"})
    void scoresEqualTheBatchScorerOnTheSameCells(BackboneKind kind, boolean hke) {
        Path file = TestModels.write(dir.resolve("m.kaml"), kind, hke, 5);
        Predictor predictor = Predictor.load(file);
        predictor.warmUp();
        MultiTaskModel model = ModelStore.load(file).model();
        Random random = new Random(1);
        int n = 300;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(TestModels.features(random));
        }
        float[] expected;
        try (Scorer scorer = new Scorer(model, 2)) {
            expected = scoreAsCsvCells(scorer, model.encoder(), rows);
        }
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Prediction p = predictor.predict(rows.get(i), "payment");
            for (int a = 0; a < 3; a++) {
                assertThat(p.probability(a)).as("row %d action %d", i, a).isEqualTo(expected[i * 3 + a]);
            }
            assertThat(p.score()).isEqualTo(expected[i * 3 + 2]);
            instances.add(new Instance(rows.get(i), i % 2 == 0 ? "activation" : null));
        }
        List<Prediction> batch = predictor.predict(instances);
        for (int i = 0; i < n; i++) {
            assertThat(batch.get(i).probabilities()).isEqualTo(predictor.predict(rows.get(i)).probabilities());
            assertThat(batch.get(i).hasScore()).isEqualTo(i % 2 == 0);
        }
    }

    /** What {@code FeatureRows} does with the CSV cells these values would be written as. */
    private static float[] scoreAsCsvCells(Scorer scorer, FeatureEncoder encoder, List<Map<String, Object>> rows) {
        int n = rows.size();
        int f = encoder.categoricalFields().size();
        int nf = encoder.numericalFields().size();
        int[] ids = new int[n * f];
        float[] numerical = new float[n * nf];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < f; k++) {
                ids[i * f + k] = encoder.bucket(k, cell(rows.get(i).get(encoder.categoricalFields().get(k))));
            }
            for (int k = 0; k < nf; k++) {
                numerical[i * nf + k] = encoder.numerical(k, CellNumbers.parseNumber(cell(rows.get(i).get(encoder.numericalFields().get(k)))));
            }
        }
        return scorer.score(n, ids, numerical);
    }

    private static String cell(Object value) {
        return value == null ? "" : value.toString();
    }

    @Test
    void batchesLongerThanAChunkScoreLikeSingleRows() {
        Predictor predictor = Predictor.load(TestModels.write(dir.resolve("m.kaml"), 3));
        Random random = new Random(2);
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < 2 * Predictor.CHUNK + 7; i++) {
            instances.add(new Instance(TestModels.features(random), "registration"));
        }
        List<Prediction> batch = predictor.predict(instances);
        assertThat(batch).hasSize(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            assertThat(batch.get(i)).isEqualTo(predictor.predict(instances.get(i).features(), "registration"));
        }
        assertThat(predictor.predict(List.of())).isEmpty();
    }

    @Test
    void missingFeaturesScoreLikeEmptyCellsAndNumbersLikeTheirText() {
        Predictor predictor = Predictor.load(TestModels.write(dir.resolve("m.kaml"), 3));
        Map<String, Object> empty = new HashMap<>(Map.of("user_id", "", "ad_id", "", "device", "", "price", "", "user_activity", ""));
        Map<String, Object> nulls = new HashMap<>();
        for (String name : empty.keySet()) {
            nulls.put(name, null);
        }
        assertThat(predictor.predict(Map.of())).isEqualTo(predictor.predict(empty)).isEqualTo(predictor.predict(nulls));

        Map<String, Object> text = Map.of("user_id", "42", "ad_id", "9000000000", "device", "7", "price", "12.5", "user_activity", "3");
        Map<String, Object> numbers = Map.of("user_id", 42, "ad_id", 9_000_000_000L, "device", BigInteger.valueOf(7), "price", 12.5, "user_activity", 3);
        assertThat(predictor.predict(numbers, "payment")).isEqualTo(predictor.predict(text, "payment"));
        assertThat(predictor.predict(numbers)).isNotEqualTo(predictor.predict(empty));
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        Predictor predictor = Predictor.load(TestModels.write(dir.resolve("m.kaml"), 3));
        assertProblem(predictor, Map.of("colour", "red"), null, "features.colour", "unknown feature (the model's features: user_id, ad_id, device, price, user_activity)");
        assertProblem(predictor, Map.of("price", "abc"), null, "features.price", "expected a number, got \"abc\"");
        assertProblem(predictor, Map.of("price", "NaN"), null, "features.price", "expected a number, got \"NaN\"");
        assertProblem(predictor, Map.of("price", Double.POSITIVE_INFINITY), null, "features.price", "expected a finite number, got Infinity");
        assertProblem(predictor, Map.of("price", true), null, "features.price", "expected a number, got true");
        assertProblem(predictor, Map.of("user_activity", Map.of("a", 1)), null, "features.user_activity", "expected a number, got an object");
        assertProblem(predictor, Map.of("user_id", 2.5), null, "features.user_id", "expected a string or an integer (a categorical value), got 2.5");
        assertProblem(predictor, Map.of("user_id", List.of("a")), null, "features.user_id", "expected a string or an integer (a categorical value), got an array");
        assertProblem(predictor, Map.of("device", false), null, "features.device", "expected a string or an integer (a categorical value), got false");
        assertProblem(predictor, Map.of("device", new int[] {1}), null, "features.device", "expected a string or an integer (a categorical value), got an array");
        assertProblem(predictor, Map.of("user_id", "u1"), "purchase", "target", "unknown action 'purchase' (actions: activation, registration, payment)");

        List<Instance> batch = List.of(new Instance(Map.of("price", 1), "payment"), new Instance(Map.of("price", 2), "payment"),
                new Instance(Map.of("price", "x".repeat(100)), "payment"));
        assertThatThrownBy(() -> predictor.predict(batch)).isInstanceOf(PredictionException.class)
                .hasMessage("instances[2].features.price: expected a number, got \"" + "x".repeat(60) + "...\"");
        assertThatThrownBy(() -> predictor.predict(List.of(new Instance(Map.of(), "nope")))).isInstanceOf(PredictionException.class)
                .hasMessageStartingWith("instances[0].target: unknown action 'nope'");
    }

    private static void assertProblem(Predictor predictor, Map<String, ?> features, String target, String path, String problem) {
        assertThatThrownBy(() -> predictor.predict(features, target)).isInstanceOfSatisfying(PredictionException.class, e -> {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.problem()).isEqualTo(problem);
            assertThat(e.getMessage()).isEqualTo(path + ": " + problem);
        });
    }

    @Test
    void aPredictionWithoutTargetHasNoScore() {
        Predictor predictor = Predictor.load(TestModels.write(dir.resolve("m.kaml"), 3));
        Prediction p = predictor.predict(Map.of("user_id", "u1"));
        assertThat(p.hasScore()).isFalse();
        assertThat(p.target()).isNull();
        assertThatThrownBy(p::score).isInstanceOf(IllegalStateException.class).hasMessageContaining("named no target action");
        assertThat(p.probability("payment")).isEqualTo(p.probability(2));
        assertThatThrownBy(() -> p.probability("purchase")).hasMessage("unknown action 'purchase' (actions: [activation, registration, payment])");
        assertThat(predictor.predict(Map.of("user_id", "u1"), "payment").score()).isEqualTo(p.probability(2));
    }

    @Test
    void concurrentCallersGetTheSequentialScores() throws Exception {
        Predictor predictor = Predictor.load(TestModels.write(dir.resolve("m.kaml"), 3));
        Random random = new Random(4);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(TestModels.features(random));
        }
        List<Prediction> expected = rows.stream().map(r -> predictor.predict(r, "payment")).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    for (int repeat = 0; repeat < 5; repeat++) {
                        for (int i = 0; i < rows.size(); i++) {
                            int row = (i + offset * 50) % rows.size();
                            if (!predictor.predict(rows.get(row), "payment").equals(expected.get(row))) {
                                return false;
                            }
                        }
                        List<Instance> batch = rows.stream().map(r -> new Instance(r, "payment")).toList();
                        if (!predictor.predict(batch).equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }

    /** A model whose training diverged loads fine by its checksum, yet would score NaN: it is refused, naming the tensor. */
    @ParameterizedTest
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void aModelWithANonFiniteWeightIsRefusedNamingTheTensor(float bad) {
        Path file = TestModels.write(dir.resolve("m.kaml"), BackboneKind.MMOE, false, 3,
                parameters -> parameters.values(parameters.get("tower2.0.weight"))[9] = bad);
        assertThatThrownBy(() -> Predictor.load(file)).isInstanceOf(ArtifactException.class).hasMessage(file + ": tensor tower2.0.weight [8, 8] holds "
                + bad + " at row 1, column 1; a model with a non-finite weight cannot score (did training diverge?), so it is not loaded");
    }

    @Test
    void aCorruptFileIsRefusedOnLoad() throws Exception {
        Path file = TestModels.write(dir.resolve("m.kaml"), 3);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> Predictor.load(file)).isInstanceOf(ArtifactException.class)
                .hasMessageContaining("SHA-256 checksum does not match");
    }
}
