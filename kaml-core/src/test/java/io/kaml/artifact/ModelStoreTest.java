package io.kaml.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.data.FeatureEncoder;
import io.kaml.data.MissingRule;
import io.kaml.data.MissingValues;
import io.kaml.data.NumericalStats;
import io.kaml.data.NumericalTransform;
import io.kaml.model.BackboneKind;
import io.kaml.model.ModelConfig;
import io.kaml.model.MultiTaskModel;
import io.kaml.model.Scorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelStoreTest {
    private static final FeatureEncoder ENCODER = new FeatureEncoder(List.of("a", "b", "c"), List.of("user", "ad", "device"),
            new int[] {50, 40, 5}, 3, List.of("price"), NumericalTransform.LOG_STANDARDIZE,
            new NumericalStats(new double[] {1.0}, new double[] {0.5}), MissingValues.UNKNOWN);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(BackboneKind.class)
    void saveLoadPredictGivesIdenticalScores(BackboneKind kind) throws Exception {
        ModelConfig config = new ModelConfig(kind, 4, 3, List.of(12, 6), List.of(5), 2, 1, 1);
        MultiTaskModel model = MultiTaskModel.create(config, ENCODER, 11);
        ObjectNode provenance = new ObjectMapper().createObjectNode().put("seed", 11);
        Path file = dir.resolve(kind.key() + ".kaml");
        ModelStore.save(model, provenance, file);
        ModelStore.Loaded loaded = ModelStore.load(file);
        assertThat(loaded.provenance()).isEqualTo(provenance);
        assertThat(loaded.model().config()).isEqualTo(config);

        Random random = new Random(5);
        int n = 300;
        int[] ids = new int[n * 3];
        float[] numerical = new float[n];
        int[] buckets = ENCODER.buckets();
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < 3; f++) {
                ids[i * 3 + f] = random.nextInt(buckets[f]);
            }
            numerical[i] = (float) random.nextGaussian();
        }
        try (Scorer before = new Scorer(model, 2); Scorer after = new Scorer(loaded.model(), 1)) {
            assertThat(after.score(n, ids, numerical)).isEqualTo(before.score(n, ids, numerical));
        }
    }

    @Test
    void aModelFileFromBeforeMissingValuesWereRecordedLoadsAndLearnedNoFeatureMissing() {
        FeatureEncoder recorded = new FeatureEncoder(ENCODER.actions(), ENCODER.categoricalFields(), ENCODER.buckets(), ENCODER.hashSeed(),
                ENCODER.numericalFields(), ENCODER.transform(), ENCODER.stats(), new MissingValues(List.of("device"), 0));
        MultiTaskModel model = MultiTaskModel.create(new ModelConfig(BackboneKind.MMOE, 4, 3, List.of(12, 6), List.of(5), 2, 1, 1),
                recorded, 3);
        Path file = dir.resolve("old.kaml");
        ModelStore.save(model, new ObjectMapper().createObjectNode(), file);
        assertThat(new MissingRule(ModelStore.load(file).model().encoder(), false).mayBeMissing()).containsExactly("device");

        // What kaml wrote before it recorded missing values: the same file, format version and all, without the two keys.
        ModelArtifact artifact = ModelFile.read(file);
        ((ObjectNode) artifact.metadata().get("encoder")).remove(List.of("missing_in_training", "missing_dropout"));
        ModelFile.write(file, artifact);
        FeatureEncoder old = ModelStore.load(file).model().encoder();
        assertThat(old.missing()).isEqualTo(MissingValues.UNKNOWN);
        assertThat(new MissingRule(old, false).mayBeMissing()).isEmpty();
        assertThat(new MissingRule(old, false).categorical(2)).isEqualTo("missing, and this model file (written before kaml recorded "
                + "missing values) does not say whether training saw it missing");
        assertThat(new MissingRule(old, true).mayBeMissing()).isEqualTo(old.allFields());
        assertThat(EncoderCodec.toJson(old).get("missing_in_training").isNull()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = BackboneKind.class, names = "MMOE")
    void aCheckpointIsNotAModel(BackboneKind kind) {
        Path file = dir.resolve("x.kaml");
        ModelFile.write(file, new ModelArtifact(new ObjectMapper().createObjectNode().put("kind", "checkpoint"), List.of()));
        assertThatThrownBy(() -> ModelStore.load(file)).isInstanceOf(ArtifactException.class)
                .hasMessageContaining("is a kaml checkpoint, not a model");
    }

    @ParameterizedTest
    @EnumSource(value = BackboneKind.class, names = "SHARED_BOTTOM")
    void weightsThatDoNotMatchTheDescriptionAreNamed(BackboneKind kind) throws Exception {
        MultiTaskModel model = MultiTaskModel.create(new ModelConfig(kind, 4, 3, List.of(12, 6), List.of(5), 1, 1, 1), ENCODER, 1);
        Path file = dir.resolve("m.kaml");
        ModelStore.save(model, new ObjectMapper().createObjectNode(), file);
        ModelArtifact artifact = ModelFile.read(file);
        ((ObjectNode) artifact.metadata().get("model")).putArray("expert_hidden").add(13).add(6);
        ModelFile.write(file, artifact);
        assertThatThrownBy(() -> ModelStore.load(file)).isInstanceOf(ArtifactException.class)
                .hasMessageContaining("does not match its weights");
        assertThat(Files.exists(file)).isTrue();
    }

    /** eval and predict load through ModelStore too: a diverged model must not reach them and write NaN scores. */
    @Test
    void aModelWithANonFiniteWeightOrAZeroStandardDeviationIsRefused() {
        ModelConfig config = new ModelConfig(BackboneKind.MMOE, 4, 3, List.of(12, 6), List.of(5), 2, 1, 1);
        MultiTaskModel model = MultiTaskModel.create(config, ENCODER, 11);
        var parameters = model.parameters();
        var first = parameters.parameters().getFirst();
        parameters.values(first)[0] = Float.NaN;
        Path nan = dir.resolve("nan.kaml");
        ModelStore.save(model, new ObjectMapper().createObjectNode(), nan);
        assertThatThrownBy(() -> ModelStore.load(nan)).isInstanceOf(ArtifactException.class)
                .hasMessageStartingWith(nan + ": tensor " + first.name()).hasMessageContaining("holds NaN at row 0, column 0");

        FeatureEncoder zeroStd = new FeatureEncoder(List.of("a", "b", "c"), List.of("user", "ad", "device"), new int[] {50, 40, 5}, 3,
                List.of("price"), NumericalTransform.LOG_STANDARDIZE, new NumericalStats(new double[] {1.0}, new double[] {0.0}),
                MissingValues.UNKNOWN);
        Path zero = dir.resolve("zero.kaml");
        ModelStore.save(MultiTaskModel.create(config, zeroStd, 11), new ObjectMapper().createObjectNode(), zero);
        assertThatThrownBy(() -> ModelStore.load(zero)).isInstanceOf(ArtifactException.class)
                .hasMessageContaining("numerical feature price are not usable (mean 1.0, std 0.0");
    }
}
