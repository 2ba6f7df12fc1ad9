package io.kaml.data;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A dataset read into memory as compact encoded columns: what training, evaluation and the statistics
 * commands work on. Numerical statistics are fitted on the training split and applied to all three, and
 * the features empty in some training row are recorded ({@link EncoderFit}, as the cache's build does).
 * Advertisers get dense indices in order of first appearance: training split first, or in log order for
 * a log split by day (read in one pass).
 *
 * <p>A dataset loaded through an {@link EncodedCache} keeps the cache open, so that splits not read into
 * memory can be streamed from it block by block; {@link #close()} closes it. Closing a dataset read
 * directly from its files does nothing.
 */
public final class Dataset implements Closeable {
    private final DatasetSpec spec;
    private final FeatureEncoder encoder;
    private final AdvertiserIndex advertisers;
    private final Map<Split, Batch> splits;
    private final BadRowReport badRows;
    /** What sizing the buckets decided, {@link BucketSizing#notes}; "" when read through the cache, whose notes hold it. */
    private final String bucketNotes;
    private final EncodedCache cache;

    private Dataset(DatasetSpec spec, FeatureEncoder encoder, AdvertiserIndex advertisers, Map<Split, Batch> splits,
                    BadRowReport badRows, String bucketNotes, EncodedCache cache) {
        this.spec = spec;
        this.encoder = encoder;
        this.advertisers = advertisers;
        this.splits = splits;
        this.badRows = badRows;
        this.bucketNotes = bucketNotes;
        this.cache = cache;
    }

    /** Reads every split of {@code spec}. */
    public static Dataset load(DatasetSpec spec, BadRowPolicy policy) {
        return load(spec, policy, Split.values());
    }

    /** Reads the given splits; the training split is always read, because it fits the encoder. */
    public static Dataset load(DatasetSpec spec, BadRowPolicy policy, Split... wanted) {
        AdvertiserIndex advertisers = new AdvertiserIndex();
        BadRowReport badRows = new BadRowReport();
        FeatureEncoder unfitted = FeatureEncoder.unfitted(spec);
        List<FeatureTable> tables = SplitReader.loadTables(spec);
        Map<Split, Batch> raw = new EnumMap<>(Split.class);
        if (spec.log() != null) {
            Map<Split, Batch> all = readLog(spec, unfitted, advertisers, policy, badRows, tables);
            raw.put(Split.TRAIN, all.get(Split.TRAIN));
            for (Split split : wanted) {
                raw.put(split, all.get(split));
            }
        } else {
            raw.put(Split.TRAIN, read(spec, Split.TRAIN, unfitted, advertisers, policy, badRows, tables));
            for (Split split : wanted) {
                raw.computeIfAbsent(split, s -> read(spec, s, unfitted, advertisers, policy, badRows, tables));
            }
        }
        EncoderFit fit = new EncoderFit(unfitted);
        fit.add(raw.get(Split.TRAIN));
        FeatureEncoder encoder = fit.fitted(unfitted);
        raw.values().forEach(encoder::encode);
        return new Dataset(spec, encoder, advertisers, raw, badRows, fit.bucketNotes(unfitted), null);
    }

    /**
     * Reads the {@code wanted} splits (none: only the encoder and advertisers) from the encoded cache of
     * {@code spec} under {@code cacheRoot}, building or rebuilding it first when needed (see
     * {@link EncodedCache#open}, whose one-line messages go to {@code log}). The training split is read only
     * when wanted: the encoder comes from the cache. The batches equal those of {@link #load(DatasetSpec, BadRowPolicy)}.
     */
    public static Dataset load(DatasetSpec spec, BadRowPolicy policy, Path cacheRoot, Consumer<String> log, Split... wanted) {
        EncodedCache cache = EncodedCache.open(spec, policy, cacheRoot, log);
        try {
            Map<Split, Batch> splits = new EnumMap<>(Split.class);
            for (Split split : wanted) {
                splits.computeIfAbsent(split, cache::readAll);
            }
            return new Dataset(spec, cache.encoder(), cache.advertisers(), splits, null, "", cache);
        } catch (RuntimeException e) {
            cache.close();
            throw e;
        }
    }

    /**
     * Reads {@code split} with an already fitted encoder (a saved model's), so rows are encoded exactly
     * as in training. The spec must declare the model's actions and features in the model's order.
     */
    public static Dataset loadWith(FeatureEncoder encoder, DatasetSpec spec, BadRowPolicy policy, Split split) {
        requireSame(spec, "actions", encoder.actions(), spec.actions());
        requireSame(spec, "categorical features", encoder.categoricalFields(), spec.columns().categorical());
        requireSame(spec, "numerical features", encoder.numericalFields(), spec.columns().numerical());
        AdvertiserIndex advertisers = new AdvertiserIndex();
        BadRowReport badRows = new BadRowReport();
        Batch batch = read(spec, split, encoder, advertisers, policy, badRows, SplitReader.loadTables(spec));
        encoder.encode(batch);
        Map<Split, Batch> splits = new EnumMap<>(Split.class);
        splits.put(split, batch);
        return new Dataset(spec, encoder, advertisers, splits, badRows, "", null);
    }

    private static void requireSame(DatasetSpec spec, String what, List<String> model, List<String> data) {
        if (!model.equals(data)) {
            throw new DataException(spec.source(), 0, null, "the model was trained on " + what + " " + model
                    + " but this dataset declares " + data);
        }
    }

    /** Every split of a log split by day, in one pass over the log. */
    private static Map<Split, Batch> readLog(DatasetSpec spec, FeatureEncoder encoder, AdvertiserIndex advertisers,
                                             BadRowPolicy policy, BadRowReport badRows, List<FeatureTable> tables) {
        BatchBuilder[] out = new BatchBuilder[Split.values().length];
        for (Split split : Split.values()) {
            out[split.ordinal()] = new BatchBuilder(spec.columns().categorical().size(), spec.columns().numerical().size(),
                    spec.actionCount(), spec.columns().id() != null, 1 << 14);
        }
        try (SplitReader reader = SplitReader.openLog(spec, encoder, advertisers, policy, badRows, tables)) {
            reader.read(out, Integer.MAX_VALUE);
        }
        Map<Split, Batch> splits = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            splits.put(split, out[split.ordinal()].build());
        }
        return splits;
    }

    private static Batch read(DatasetSpec spec, Split split, FeatureEncoder encoder, AdvertiserIndex advertisers,
                              BadRowPolicy policy, BadRowReport badRows, List<FeatureTable> tables) {
        try (SplitReader reader = SplitReader.open(spec, split, encoder, advertisers, policy, badRows, tables)) {
            return reader.readAll();
        }
    }

    public DatasetSpec spec() {
        return spec;
    }

    public FeatureEncoder encoder() {
        return encoder;
    }

    public AdvertiserIndex advertisers() {
        return advertisers;
    }

    /** The encoded samples of {@code split}; fails when that split was not loaded. */
    public Batch split(Split split) {
        Batch batch = splits.get(split);
        if (batch == null) {
            throw new IllegalStateException("split " + split.key() + " was not loaded");
        }
        return batch;
    }

    /**
     * What reading the rows did, by reason and table; only for a dataset read from its files, as one loaded
     * through the cache was read when the cache was built: print {@link #readNotes()} instead.
     */
    public BadRowReport badRows() {
        if (badRows == null) {
            throw new IllegalStateException("this dataset was loaded through the cache at " + cache.directory()
                    + ", whose rows were read when it was built: use readNotes()");
        }
        return badRows;
    }

    /**
     * What reading the rows did (skipped rows, unmatched joins) and what sizing the buckets decided, in words, ""
     * if nothing; from the cache when loaded through one.
     */
    public String readNotes() {
        return cache != null ? cache.notes() : BadRowReport.joinNotes(badRows.notes(), bucketNotes);
    }

    /** The encoded cache this dataset was loaded through, or null when it was read from its files. */
    public EncodedCache cache() {
        return cache;
    }

    /** Closes the cache this dataset was loaded through, if any; the splits in memory stay readable. */
    @Override
    public void close() {
        if (cache != null) {
            cache.close();
        }
    }
}
