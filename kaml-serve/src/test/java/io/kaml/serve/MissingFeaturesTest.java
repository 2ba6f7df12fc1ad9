package io.kaml.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.artifact.ModelArtifact;
import io.kaml.artifact.ModelFile;
import io.kaml.data.MissingValues;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process {@link Predictor} applies the rule {@code kaml predict} applies to a missing feature. */
class MissingFeaturesTest {
    private static final Map<String, Object> FULL = Map.of("user_id", "u1", "ad_id", 71, "device", "ios", "price", 58.29, "user_activity", 3);

    @TempDir
    Path dir;

    private static Map<String, Object> without(String feature) {
        Map<String, Object> features = new HashMap<>(FULL);
        features.remove(feature);
        return features;
    }

    @Test
    void aFeatureTrainingNeverSawMissingIsRefusedNamingIt() {
        Predictor predictor = Predictor.load(TestModels.write(dir.resolve("m.kaml"), 4, new MissingValues(List.of("device"), 0)));
        assertThat(predictor.mayBeMissing()).containsExactly("device");
        assertThat(predictor.predict(without("device"), "payment").hasScore()).isTrue();
        for (String feature : List.of("user_id", "ad_id", "price", "user_activity")) {
            assertThatThrownBy(() -> predictor.predict(without(feature), "payment")).isInstanceOf(PredictionException.class)
                    .hasMessage("features." + feature + ": missing, and training never saw it missing (send it, or start the server with --allow-missing)");
        }
        // Null and "" are missing too, as an empty cell is.
        Map<String, Object> nullAd = new HashMap<>(FULL);
        nullAd.put("ad_id", null);
        Map<String, Object> emptyPrice = new HashMap<>(FULL);
        emptyPrice.put("price", "");
        assertThatThrownBy(() -> predictor.predict(nullAd)).hasMessageStartingWith("features.ad_id: missing");
        assertThatThrownBy(() -> predictor.predict(emptyPrice)).hasMessageStartingWith("features.price: missing");
        // A typo leaves its feature missing; the typo is what is reported.
        Map<String, Object> typo = without("ad_id");
        typo.put("adid", 71);
        assertThatThrownBy(() -> predictor.predict(typo)).hasMessageStartingWith("features.adid: unknown feature");
        assertThatThrownBy(() -> predictor.predict(List.of(new Instance(FULL, null), new Instance(without("price"), null))))
                .hasMessage("instances[1].features.price: missing, and training never saw it missing (send it, or start the server with --allow-missing)");
    }

    @Test
    void allowMissingScoresAsAModelThatAcceptsEverythingMissingWould() {
        Path strict = TestModels.write(dir.resolve("strict.kaml"), 4, new MissingValues(List.of(), 0));
        // The same seed gives the same weights whatever the encoder records: the scores of before this rule.
        Predictor accepting = Predictor.load(TestModels.write(dir.resolve("accepting.kaml"), 4));
        Predictor allowed = Predictor.load(strict, true);
        assertThat(allowed.mayBeMissing()).isEqualTo(TestModels.encoder().allFields());
        for (String feature : FULL.keySet()) {
            assertThat(allowed.predict(without(feature), "payment")).isEqualTo(accepting.predict(without(feature), "payment"));
        }
        assertThat(allowed.predict(Map.of())).isEqualTo(accepting.predict(Map.of()));
        assertThat(allowed.predict(FULL)).isEqualTo(Predictor.load(strict).predict(FULL));
    }

    @Test
    void aModelFileFromBeforeTheRecordRefusesEveryMissingFeatureSayingWhy() {
        Path file = TestModels.write(dir.resolve("old.kaml"), 4);
        ModelArtifact artifact = ModelFile.read(file);
        ((ObjectNode) artifact.metadata().get("encoder")).remove(List.of("missing_in_training", "missing_dropout"));
        ModelFile.write(file, artifact);
        Predictor old = Predictor.load(file);
        assertThat(old.mayBeMissing()).isEmpty();
        assertThat(old.predict(FULL).hasScore()).isFalse();
        assertThatThrownBy(() -> old.predict(without("device"))).hasMessage("features.device: missing, and this model file (written before "
                + "kaml recorded missing values) does not say whether training saw it missing (send it, or start the server with --allow-missing)");
        assertThat(Predictor.load(file, true).predict(without("device"))).isEqualTo(Predictor.load(TestModels.write(dir.resolve("new.kaml"), 4))
                .predict(without("device")));
    }
}
