package io.kaml.train;

import io.kaml.data.Batch;
import io.kaml.data.Dataset;
import io.kaml.data.DatasetSpec;
import io.kaml.data.EncodedCache;
import io.kaml.data.FeatureEncoder;
import io.kaml.data.Split;
import io.kaml.model.Scorer;
import java.util.ArrayList;
import java.util.List;

/**
 * A split that is evaluated, not trained on, as evaluation needs it: every row's labels, target,
 * advertiser and id, and the model's scores. A dataset loaded through an {@link EncodedCache} is walked
 * block by block, so the split's features are never all in memory (what stays is about 5 bytes per
 * action and 12 per row, plus the scores); otherwise the split in memory is used as it is.
 */
public final class HeldOutSplit {
    private HeldOutSplit() {
    }

    /** The rows of {@code split} without their features (in memory: the split itself). */
    public static Batch outcomes(Dataset data, Split split) {
        return data.cache() == null ? data.split(split) : outcomes(data.cache(), split, data.spec());
    }

    /** The rows of {@code split} of {@code cache} without their features, block by block. */
    public static Batch outcomes(EncodedCache cache, Split split, DatasetSpec spec) {
        List<Batch> blocks = new ArrayList<>(cache.blocks(split));
        for (int b = 0; b < cache.blocks(split); b++) {
            blocks.add(cache.block(split, b).withoutFeatures());
        }
        return concat(blocks, spec);
    }

    private static Batch concat(List<Batch> blocks, DatasetSpec spec) {
        if (blocks.isEmpty()) {
            return new Batch(0, 0, 0, spec.actionCount(), new int[0], new float[0], new byte[0], new int[0], new int[0],
                    new int[0], spec.columns().id() == null ? null : new String[0]);
        }
        return Batch.concat(blocks);
    }

    /**
     * A split scored by a model.
     *
     * @param rows   the split's rows (without their features when scored from a cache)
     * @param scores [rows, actions] the model's probabilities, in row order
     */
    public record Scored(Batch rows, float[] scores) {
    }

    /** {@code split} of {@code data} scored by {@code scorer}, in one pass. */
    public static Scored score(Dataset data, Split split, Scorer scorer) {
        if (data.cache() == null) {
            Batch rows = data.split(split);
            return new Scored(rows, scorer.score(rows));
        }
        return score(data.cache(), data.encoder(), split, data.spec(), scorer);
    }

    /**
     * {@code split} of {@code cache} scored block by block in one pass, numerical values encoded by
     * {@code encoder} (a saved model's, or the cache's own).
     */
    public static Scored score(EncodedCache cache, FeatureEncoder encoder, Split split, DatasetSpec spec, Scorer scorer) {
        float[] out = new float[Math.multiplyExact(cache.rows(split), encoder.actions().size())];
        List<Batch> rows = new ArrayList<>(cache.blocks(split));
        int at = 0;
        for (int b = 0; b < cache.blocks(split); b++) {
            Batch block = cache.block(split, b);
            encoder.encode(block);
            float[] scores = scorer.score(block);
            System.arraycopy(scores, 0, out, at, scores.length);
            at += scores.length;
            rows.add(block.withoutFeatures());
        }
        return new Scored(concat(rows, spec), out);
    }
}
