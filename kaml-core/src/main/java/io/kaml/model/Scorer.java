package io.kaml.model;

import io.kaml.data.Batch;
import io.kaml.nn.SigmoidCrossEntropy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Batch inference: probabilities of every action for every row of an encoded batch, on the serving
 * path (HKE's original sub-tower), split across threads in fixed chunks. Used by validation during
 * training, {@code eval} and {@code predict}.
 */
public final class Scorer implements AutoCloseable {
    private static final int CHUNK = 1024;

    private final MultiTaskModel model;
    private final ExecutorService pool;
    private final MultiTaskModel.Pass[] passes;

    public Scorer(MultiTaskModel model, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.model = model;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kaml-score");
            t.setDaemon(true);
            return t;
        });
        passes = new MultiTaskModel.Pass[threads];
        for (int w = 0; w < threads; w++) {
            passes[w] = model.newPass(CHUNK);
        }
    }

    /** @return [n, actions] probabilities */
    public float[] score(Batch batch) {
        return score(batch.size(), batch.categorical(), batch.numerical());
    }

    /**
     * @param categorical [n, categoricalFields] buckets
     * @param numerical   [n, numericalFields] encoded values
     * @return [n, actions] probabilities
     */
    public float[] score(int n, int[] categorical, float[] numerical) {
        int a = model.actions();
        float[] out = new float[n * a];
        int chunks = (n + CHUNK - 1) / CHUNK;
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < passes.length; w++) {
            MultiTaskModel.Pass pass = passes[w];
            int worker = w;
            futures.add(pool.submit(() -> {
                int fields = model.encoder().categoricalFields().size();
                int numericalFields = model.encoder().numericalFields().size();
                int[] ids = new int[CHUNK * fields];
                float[] chunk = new float[CHUNK * numericalFields];
                for (int c = worker; c < chunks; c += passes.length) {
                    int from = c * CHUNK;
                    int rows = Math.min(CHUNK, n - from);
                    System.arraycopy(categorical, from * fields, ids, 0, rows * fields);
                    System.arraycopy(numerical, from * numericalFields, chunk, 0, rows * numericalFields);
                    float[] logits = pass.forward(ids, chunk, null, rows);
                    for (int k = 0; k < rows * a; k++) {
                        out[from * a + k] = SigmoidCrossEntropy.sigmoid(logits[k]);
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("scoring interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("scoring failed: " + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
