package io.kaml.train;

import io.kaml.data.Batch;
import io.kaml.data.Dataset;
import io.kaml.data.Split;
import io.kaml.loss.AttributionCounts;
import java.util.List;

/**
 * A dataset's training split as training sees it: the {@link BatchSource} the loop draws batches from,
 * and the blocks that passes over the whole split (ADM's counts, the label audit) walk. In memory when
 * the dataset holds the split; streamed from its {@link io.kaml.data.EncodedCache} when it was loaded
 * through one, so the split never has to fit in the heap.
 *
 * @param blocks the split in file order, as one batch or block by block (numerical values encoded)
 */
public record TrainingRows(BatchSource rows, Iterable<Batch> blocks) {

    public static TrainingRows of(Dataset data) {
        if (data.cache() != null) {
            CachedRows cached = new CachedRows(data.cache(), Split.TRAIN, CachedRows.DEFAULT_WINDOW_BLOCKS);
            return new TrainingRows(cached, cached.blocks());
        }
        Batch train = data.split(Split.TRAIN);
        return new TrainingRows(new InMemoryRows(train), List.of(train));
    }

    /** ADM's attribution counts over the split: one pass. */
    public AttributionCounts counts(int advertisers) {
        return AttributionCounts.of(blocks, advertisers);
    }
}
