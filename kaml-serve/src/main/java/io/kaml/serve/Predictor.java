package io.kaml.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.artifact.ModelFile;
import io.kaml.artifact.ModelStore;
import io.kaml.data.FeatureEncoder;
import io.kaml.model.ModelConfig;
import io.kaml.model.MultiTaskModel;
import io.kaml.nn.SigmoidCrossEntropy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A saved model, loaded once, that scores raw feature values in process: what a JVM ad server embeds.
 * Scores are the ones {@code kaml predict} writes for the same rows (the serving path, HKE's original
 * sub-tower). Immutable and safe to share between threads; each call borrows forward-pass buffers
 * from a pool, so a call allocates only its result and the bytes of each categorical value it hashes.
 *
 * <pre>{@code
 * Predictor predictor = Predictor.load(Path.of("m.kaml"));
 * Prediction p = predictor.predict(Map.of("user_id", "u42", "price", 58.3), "payment");
 * float bid = p.score();
 * }</pre>
 */
public final class Predictor {
    /**
     * Rows per forward pass of a batch call; scores do not depend on it, since rows are independent.
     * Large enough to use the matrix kernels well, small enough that a pass (about 1 MB for the
     * reference model) is cheap to keep one per concurrent caller.
     */
    static final int CHUNK = 64;
    private static final int WARM_UP_ROWS = 10_000;
    private static final int WARM_UP_BATCHES = 300;
    private static final long WARM_UP_SEED = 1;

    private final Path file;
    private final MultiTaskModel model;
    private final ObjectNode provenance;
    private final FeatureMapEncoder features;
    private final List<String> actions;
    private final PassPool rows;
    private final PassPool chunks;

    private Predictor(Path file, MultiTaskModel model, ObjectNode provenance, boolean allowMissing) {
        this.file = file;
        this.model = model;
        this.provenance = provenance;
        this.features = new FeatureMapEncoder(model.encoder(), allowMissing);
        this.actions = model.encoder().actions();
        int cores = Runtime.getRuntime().availableProcessors();
        // Keep a pass for every caller that can be running at once on this machine, so that none is
        // allocated and dropped in steady state; a one-row pass is small, so keep more of those.
        this.rows = new PassPool(model, 1, Math.max(64, 8 * cores));
        this.chunks = new PassPool(model, CHUNK, Math.max(8, 4 * cores));
    }

    /**
     * Loads a model file written by {@code kaml train}.
     *
     * @throws io.kaml.artifact.ArtifactException naming the problem when the file is missing, corrupt
     *                                            (checksum), of another format version, not a model, or
     *                                            holds a weight that is NaN or infinite
     */
    public static Predictor load(Path modelFile) {
        return load(modelFile, false);
    }

    /**
     * As {@link #load(Path)}; with {@code allowMissing} (what {@code kaml serve --allow-missing} does), a row
     * missing a feature that training never saw missing is scored anyway, its missing input untrained,
     * instead of refused.
     */
    public static Predictor load(Path modelFile, boolean allowMissing) {
        ModelStore.Loaded loaded = ModelStore.load(modelFile);
        return new Predictor(modelFile, loaded.model(), loaded.provenance(), allowMissing);
    }

    /** Scores one row without a target action: every action's probability, no served score. */
    public Prediction predict(Map<String, ?> features) {
        return predict(features, null);
    }

    /**
     * Scores one row.
     *
     * @param target the action the row's advertiser targets, or null
     * @throws PredictionException naming the field when a feature is unknown, badly typed or missing where
     *                             training never saw it missing (see {@link #mayBeMissing()}), or the target
     *                             is not one of the model's actions
     */
    public Prediction predict(Map<String, ?> features, String target) {
        int t = targetIndex(target);
        PassPool.Lease lease = rows.take();
        try {
            this.features.encode(features, lease.ids(), 0, lease.numerical(), 0);
            float[] logits = lease.pass().forward(lease.ids(), lease.numerical(), null, 1);
            return new Prediction(actions, probabilities(logits, 0), t);
        } finally {
            rows.give(lease);
        }
    }

    /**
     * Scores many rows in batched forward passes, with the same scores as scoring each alone.
     *
     * @throws PredictionException whose path starts with {@code instances[i]} for the first bad row
     */
    public List<Prediction> predict(List<Instance> instances) {
        int n = instances.size();
        if (n == 0) {
            return List.of();
        }
        if (n == 1) {
            return List.of(within(0, instances.getFirst()));
        }
        Prediction[] out = new Prediction[n];
        int[] targets = new int[Math.min(n, CHUNK)];
        int categorical = features.categoricalFields();
        int numerical = features.numericalFields();
        PassPool.Lease lease = chunks.take();
        try {
            for (int from = 0; from < n; from += CHUNK) {
                int count = Math.min(CHUNK, n - from);
                for (int r = 0; r < count; r++) {
                    Instance instance = instances.get(from + r);
                    try {
                        targets[r] = targetIndex(instance.target());
                        features.encode(instance.features(), lease.ids(), r * categorical, lease.numerical(), r * numerical);
                    } catch (PredictionException e) {
                        throw e.within("instances[" + (from + r) + "]");
                    }
                }
                float[] logits = lease.pass().forward(lease.ids(), lease.numerical(), null, count);
                for (int r = 0; r < count; r++) {
                    out[from + r] = new Prediction(actions, probabilities(logits, r), targets[r]);
                }
            }
        } finally {
            chunks.give(lease);
        }
        return List.of(out);
    }

    private Prediction within(int index, Instance instance) {
        try {
            return predict(instance.features(), instance.target());
        } catch (PredictionException e) {
            throw e.within("instances[" + index + "]");
        }
    }

    /**
     * Scores generated rows, one at a time and in batches, until the JIT has had the chance to compile
     * the numeric kernels: before that, Vector API code runs tens of times slower, so a fresh JVM
     * would make its first real requests wait, more so on a busy machine where the compiler threads
     * get little CPU. Call it once before taking traffic ({@code kaml serve} does, on every load).
     * About a second of CPU; the scores of later calls do not depend on it.
     */
    public void warmUp() {
        SplittableRandom random = new SplittableRandom(WARM_UP_SEED);
        List<Instance> batch = new ArrayList<>();
        for (int i = 0; i < CHUNK; i++) {
            batch.add(new Instance(generatedRow(random), actions.get(i % actions.size())));
        }
        for (int i = 0; i < WARM_UP_ROWS; i++) {
            predict(batch.get(i % CHUNK).features(), actions.get(i % actions.size()));
        }
        for (int i = 0; i < WARM_UP_BATCHES; i++) {
            predict(batch);
        }
    }

    /** A row like a request's: ids from a few thousand values, numbers over a wide range. */
    private Map<String, Object> generatedRow(SplittableRandom random) {
        Map<String, Object> row = new HashMap<>();
        for (String field : categoricalFields()) {
            row.put(field, Integer.toString(random.nextInt(5000)));
        }
        for (String field : numericalFields()) {
            row.put(field, Math.exp(random.nextDouble(0, 6)));
        }
        return row;
    }

    private int targetIndex(String target) {
        if (target == null) {
            return -1;
        }
        int t = model.encoder().actionIndex(target);
        if (t < 0) {
            throw new PredictionException("target", "unknown action '" + target + "' (actions: " + String.join(", ", actions) + ")");
        }
        return t;
    }

    private float[] probabilities(float[] logits, int row) {
        int a = actions.size();
        float[] p = new float[a];
        for (int k = 0; k < a; k++) {
            p[k] = SigmoidCrossEntropy.sigmoid(logits[row * a + k]);
        }
        return p;
    }

    /** The model's actions, in the order of {@link Prediction#probability(int)}. */
    public List<String> actions() {
        return actions;
    }

    public List<String> categoricalFields() {
        return model.encoder().categoricalFields();
    }

    public List<String> numericalFields() {
        return model.encoder().numericalFields();
    }

    /** The model's shape: backbone, widths, HKE. */
    public ModelConfig config() {
        return model.config();
    }

    /** The features a row may leave out (or send as null or ""): those training saw missing, or all with allowMissing. */
    public List<String> mayBeMissing() {
        return features.mayBeMissing();
    }

    /** How raw values are encoded: buckets per field, hash seed, numerical transform and statistics. */
    public FeatureEncoder encoder() {
        return model.encoder();
    }

    /** How the model was made (data, settings, validation AUC, kaml version), as saved in its file; a copy. */
    public ObjectNode provenance() {
        return provenance.deepCopy();
    }

    /** The file this model was loaded from. */
    public Path file() {
        return file;
    }

    /** The model file format version (a file of any other version is refused on load). */
    public int formatVersion() {
        return ModelFile.FORMAT_VERSION;
    }
}
