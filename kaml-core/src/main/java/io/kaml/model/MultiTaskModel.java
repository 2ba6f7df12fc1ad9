package io.kaml.model;

import io.kaml.data.FeatureEncoder;
import io.kaml.nn.Embedding;
import io.kaml.nn.Gradients;
import io.kaml.nn.ParameterSet;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Shared embeddings → backbone → one tower per action: the whole network. The input row of the
 * backbone is the concatenation of every categorical field's embedding and the numerical features.
 * Immutable in structure; its parameter values are updated in place by an optimiser. Workers share
 * one instance and each uses its own {@link Pass}.
 */
public final class MultiTaskModel {
    /** Embedding rows start uniform in ±this: small enough not to swamp the numerical inputs. */
    private static final float EMBEDDING_INIT = 0.05f;

    private final ModelConfig config;
    private final FeatureEncoder encoder;
    private final ParameterSet parameters;
    private final Embedding embedding;
    private final Backbone backbone;
    private final Tower[] towers;

    private MultiTaskModel(ModelConfig config, FeatureEncoder encoder, long seed) {
        this.config = config;
        this.encoder = encoder;
        this.parameters = new ParameterSet();
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        int fields = encoder.categoricalFields().size();
        embedding = fields == 0 ? null
                : new Embedding(parameters, "embedding", encoder.buckets(), config.embeddingDim(), EMBEDDING_INIT, random);
        int inputWidth = fields * config.embeddingDim() + encoder.numericalFields().size();
        int tasks = encoder.actions().size();
        backbone = config.backbone().create(parameters, config, inputWidth, tasks, random);
        towers = new Tower[tasks];
        for (int t = 0; t < tasks; t++) {
            towers[t] = config.hke()
                    ? new HkeTower(parameters, "tower" + t, backbone.outputWidth(), config.towerHidden(), config.hkeWidth(), random)
                    : new MlpTower(parameters, "tower" + t, backbone.outputWidth(), config.towerHidden(), random);
        }
    }

    /** A freshly initialised model; the same seed gives bit-identical weights. */
    public static MultiTaskModel create(ModelConfig config, FeatureEncoder encoder, long seed) {
        if (!encoder.fitted()) {
            throw new IllegalArgumentException("the feature encoder must be fitted on the training split first");
        }
        return new MultiTaskModel(config, encoder, seed);
    }

    public ModelConfig config() {
        return config;
    }

    public FeatureEncoder encoder() {
        return encoder;
    }

    public ParameterSet parameters() {
        return parameters;
    }

    public int actions() {
        return towers.length;
    }

    public int inputWidth() {
        return backbone.inputWidth();
    }

    public Pass newPass(int maxBatch) {
        return new Pass(maxBatch);
    }

    /** One worker's buffers for up to {@code maxBatch} rows. */
    public final class Pass {
        private final int maxBatch;
        private final float[] embedded;
        private final float[] input;
        private final float[] dInput;
        private final float[] dEmbedded;
        private final Backbone.Pass backbonePass;
        private final Tower.Pass[] towerPasses;
        private final float[][] original;
        private final float[][] dTask;
        private final float[] dLogit;
        private final float[] logits;
        private float[][] taskOut;
        private int[] ids;
        private int batch;

        private Pass(int maxBatch) {
            this.maxBatch = maxBatch;
            int embeddedWidth = embedding == null ? 0 : embedding.width();
            embedded = new float[maxBatch * embeddedWidth];
            dEmbedded = new float[maxBatch * embeddedWidth];
            input = new float[maxBatch * inputWidth()];
            dInput = new float[maxBatch * inputWidth()];
            backbonePass = backbone.newPass(maxBatch);
            towerPasses = new Tower.Pass[towers.length];
            original = new float[towers.length][maxBatch];
            dTask = new float[towers.length][maxBatch * backbone.outputWidth()];
            for (int t = 0; t < towers.length; t++) {
                towerPasses[t] = towers[t].newPass(maxBatch);
            }
            dLogit = new float[maxBatch];
            logits = new float[maxBatch * towers.length];
        }

        /**
         * @param ids       [batch, categoricalFields] buckets within each field
         * @param numerical [batch, numericalFields] encoded values
         * @param target    [batch] target action per row; null scores every row on the original (serving) path
         * @return [batch, actions] logits, owned by the pass
         */
        public float[] forward(int[] ids, float[] numerical, int[] target, int batch) {
            if (batch > maxBatch) {
                throw new IllegalArgumentException("batch " + batch + " exceeds this pass's capacity " + maxBatch);
            }
            this.ids = ids;
            this.batch = batch;
            int width = inputWidth();
            int numericalWidth = encoder.numericalFields().size();
            int embeddedWidth = width - numericalWidth;
            if (embedding != null) {
                embedding.forward(ids, embedded, batch);
            }
            for (int r = 0; r < batch; r++) {
                System.arraycopy(embedded, r * embeddedWidth, input, r * width, embeddedWidth);
                System.arraycopy(numerical, r * numericalWidth, input, r * width + embeddedWidth, numericalWidth);
            }
            taskOut = backbonePass.forward(input, batch);
            int a = towers.length;
            for (int t = 0; t < a; t++) {
                float[] isOriginal = original[t];
                for (int r = 0; r < batch; r++) {
                    isOriginal[r] = target == null || !config.hkeRouted() || target[r] == t ? 1f : 0f;
                }
                float[] z = towerPasses[t].forward(taskOut[t], isOriginal, batch);
                for (int r = 0; r < batch; r++) {
                    logits[r * a + t] = z[r];
                }
            }
            return logits;
        }

        /**
         * Adds every parameter's gradient for the last forward's rows.
         *
         * @param dLogits [batch, actions]
         */
        public void backward(float[] dLogits, Gradients gradients) {
            int a = towers.length;
            for (int t = 0; t < a; t++) {
                for (int r = 0; r < batch; r++) {
                    dLogit[r] = dLogits[r * a + t];
                }
                towerPasses[t].backward(dLogit, dTask[t], gradients);
            }
            backbonePass.backward(dTask, dInput, gradients);
            if (embedding != null) {
                int width = inputWidth();
                int embeddedWidth = embedding.width();
                for (int r = 0; r < batch; r++) {
                    System.arraycopy(dInput, r * width, dEmbedded, r * embeddedWidth, embeddedWidth);
                }
                embedding.backward(ids, dEmbedded, batch, gradients);
            }
        }
    }
}
