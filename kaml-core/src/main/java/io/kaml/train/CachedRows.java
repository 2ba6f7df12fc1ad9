package io.kaml.train;

import io.kaml.data.Batch;
import io.kaml.data.EncodedCache;
import io.kaml.data.FeatureEncoder;
import io.kaml.data.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training rows streamed from an {@link EncodedCache}, with memory bounded by a window of blocks
 * rather than the split: an epoch visits the blocks in an order drawn from (seed, epoch), takes them
 * {@code windowBlocks} at a time, shuffles the rows of each window (from seed, epoch and the window's
 * place) and cuts the stream into batches; a batch that straddles two windows is copied out of both.
 * Everything derives from (seed, epoch), so a resumed run replays the epoch's remaining batches.
 *
 * <p>This shuffle is coarser than {@link InMemoryRows}' full permutation: rows only mix with the rows
 * of the same window. Blocks hold consecutive rows of the log (often one day's), so a window mixes
 * {@code windowBlocks} such stretches.
 */
public final class CachedRows implements BatchSource {
    /** Blocks per window: 4 x 65,536 rows of a 20-field log is about 30 MB of columns. */
    public static final int DEFAULT_WINDOW_BLOCKS = 4;

    private final EncodedCache cache;
    private final Split split;
    private final FeatureEncoder encoder;
    private final int windowBlocks;

    public CachedRows(EncodedCache cache, Split split, int windowBlocks) {
        if (windowBlocks < 1) {
            throw new IllegalArgumentException("a window holds at least one block, got " + windowBlocks);
        }
        this.cache = cache;
        this.split = split;
        this.encoder = cache.encoder();
        this.windowBlocks = windowBlocks;
    }

    @Override
    public int rows() {
        return cache.rows(split);
    }

    /** Every block of the split in file order, numerical values encoded: for passes such as ADM's counts. */
    public Iterable<Batch> blocks() {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < cache.blocks(split);
            }

            @Override
            public Batch next() {
                return load(next++);
            }
        };
    }

    private Batch load(int block) {
        Batch raw = cache.block(split, block);
        encoder.encode(raw);
        return raw;
    }

    @Override
    public Epoch epoch(long seed, int epoch, int batchSize) {
        return new Stream(seed, epoch, batchSize);
    }

    /** One epoch's walk through the windows; batches must be asked for in increasing step order. */
    private final class Stream implements Epoch {
        private final long seed;
        private final int epoch;
        private final int batchSize;
        private final int[] blockOrder;
        private int nextBlock;
        private int windowIndex;
        private Batch window;
        private int[] order;
        private int position;
        private int nextStep;
        private Slice current;

        Stream(long seed, int epoch, int batchSize) {
            this.seed = seed;
            this.epoch = epoch;
            this.batchSize = batchSize;
            this.blockOrder = Shuffle.permutation(cache.blocks(split), seed, epoch);
        }

        @Override
        public Slice batch(int step) {
            if (step < nextStep) {
                throw new IllegalStateException("batch " + step + " was asked for after batch " + (nextStep - 1));
            }
            while (nextStep <= step) {
                current = next();
                nextStep++;
            }
            return current;
        }

        /** The next batchSize rows of the stream (fewer at the end of the epoch). */
        private Slice next() {
            if (window == null || position == window.size()) {
                nextWindow();
            }
            int available = window.size() - position;
            if (available >= batchSize || nextBlock == blockOrder.length) {
                int take = Math.min(batchSize, available);
                Slice slice = new Slice(window, order, position, position + take);
                position += take;
                return slice;
            }
            // The batch straddles windows: copy the rows out of each into one batch of its own.
            List<Batch> parts = new ArrayList<>();
            int need = batchSize;
            while (need > 0) {
                if (position == window.size()) {
                    if (nextBlock == blockOrder.length) {
                        break;
                    }
                    nextWindow();
                }
                int take = Math.min(need, window.size() - position);
                parts.add(window.gather(order, position, position + take));
                position += take;
                need -= take;
            }
            Batch joined = Batch.concat(parts);
            int[] identity = new int[joined.size()];
            Arrays.setAll(identity, i -> i);
            return new Slice(joined, identity, 0, joined.size());
        }

        private void nextWindow() {
            List<Batch> blocks = new ArrayList<>(windowBlocks);
            for (int k = 0; k < windowBlocks && nextBlock < blockOrder.length; k++) {
                blocks.add(load(blockOrder[nextBlock++]));
            }
            window = Batch.concat(blocks);
            order = Shuffle.permutation(window.size(), new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch * 1_000_003L + windowIndex++));
            position = 0;
        }
    }
}
