package io.kaml.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset read into memory as compact encoded columns: what training, evaluation and the statistics
 * commands work on. Numerical statistics are fitted on the training split and applied to all three.
 * Advertisers get dense indices in order of first appearance, training split first.
 */
public final class Dataset {
    private final DatasetSpec spec;
    private final FeatureEncoder encoder;
    private final AdvertiserIndex advertisers;
    private final Map<Split, Batch> splits;
    private final BadRowReport badRows;

    private Dataset(DatasetSpec spec, FeatureEncoder encoder, AdvertiserIndex advertisers, Map<Split, Batch> splits,
                    BadRowReport badRows) {
        this.spec = spec;
        this.encoder = encoder;
        this.advertisers = advertisers;
        this.splits = splits;
        this.badRows = badRows;
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
        raw.put(Split.TRAIN, read(spec, Split.TRAIN, unfitted, advertisers, policy, badRows, tables));
        for (Split split : wanted) {
            raw.computeIfAbsent(split, s -> read(spec, s, unfitted, advertisers, policy, badRows, tables));
        }
        FeatureEncoder encoder = unfitted.fit(raw.get(Split.TRAIN));
        raw.values().forEach(encoder::encodeNumerical);
        return new Dataset(spec, encoder, advertisers, raw, badRows);
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
        encoder.encodeNumerical(batch);
        Map<Split, Batch> splits = new EnumMap<>(Split.class);
        splits.put(split, batch);
        return new Dataset(spec, encoder, advertisers, splits, badRows);
    }

    private static void requireSame(DatasetSpec spec, String what, List<String> model, List<String> data) {
        if (!model.equals(data)) {
            throw new DataException(spec.source(), 0, null, "the model was trained on " + what + " " + model
                    + " but this dataset declares " + data);
        }
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

    public BadRowReport badRows() {
        return badRows;
    }
}
