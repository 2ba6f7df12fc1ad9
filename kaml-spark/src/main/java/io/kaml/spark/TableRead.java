package io.kaml.spark;

import io.kaml.data.AdvertiserIndex;
import io.kaml.data.BadRowPolicy;
import io.kaml.data.BadRowReport;
import io.kaml.data.Batch;
import io.kaml.data.BatchBuilder;
import io.kaml.data.DatasetSpec;
import io.kaml.data.DatasetSpecParser;
import io.kaml.data.DayRange;
import io.kaml.data.FeatureEncoder;
import io.kaml.data.Split;
import io.kaml.data.SplitReader;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * How the rows of the job's table are read, on the driver and in every task alike: the dataset spec
 * (shipped as its YAML text, as executors cannot read the driver's file), the resolved day range of each
 * split and the bad-row policy. Rows go through {@link SplitReader#over}, so a Spark row is checked and
 * encoded exactly as a row of a local file.
 *
 * @param specName  the spec's path on the driver, for messages
 * @param dayBounds first and last day of train, valid, test: {@code [2 * split.ordinal()]} and {@code [+1]}
 */
record TableRead(String specName, String specYaml, String table, BadRowPolicy policy, int[] dayBounds) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Rows encoded at a time when a pass only needs running totals. */
    static final int BLOCK_ROWS = 1 << 16;

    static TableRead of(Path specFile, String specYaml, String table, BadRowPolicy policy, Map<Split, DayRange> days) {
        int[] bounds = new int[2 * Split.values().length];
        for (Split split : Split.values()) {
            bounds[2 * split.ordinal()] = days.get(split).first();
            bounds[2 * split.ordinal() + 1] = days.get(split).last();
        }
        return new TableRead(specFile.toString(), specYaml, table, policy, bounds);
    }

    DatasetSpec spec() {
        return DatasetSpecParser.parse(Path.of(specName), specYaml);
    }

    Map<Split, DayRange> days() {
        Map<Split, DayRange> days = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            days.put(split, new DayRange(dayBounds[2 * split.ordinal()], dayBounds[2 * split.ordinal() + 1]));
        }
        return days;
    }

    /**
     * Reads {@code rows} block by block, handing each block's rows of every split to {@code blocks}
     * (indexed by split ordinal; numerical values raw, as read).
     *
     * @param partition where the rows are from, for messages (e.g. {@code partition 3})
     */
    void readBlocks(DatasetSpec spec, FeatureEncoder encoder, AdvertiserIndex advertisers, BadRowReport report, String partition,
                    StructType schema, Iterator<Row> rows, Consumer<Batch[]> blocks) {
        BatchBuilder[] out = builders(spec);
        try (SplitReader reader = SplitReader.over(new SparkRowSource(table, partition, schema, rows), spec, days(), encoder,
                advertisers, policy, report)) {
            while (reader.read(out, BLOCK_ROWS) > 0) {
                Batch[] block = new Batch[out.length];
                for (int s = 0; s < out.length; s++) {
                    block[s] = out[s].build();
                    out[s].clear();
                }
                blocks.accept(block);
            }
        }
    }

    /** Every row of {@code split} in {@code rows}, encoded with the fitted {@code encoder}; rows of other splits are passed over. */
    Batch readSplit(Split split, FeatureEncoder encoder, AdvertiserIndex advertisers, BadRowReport report, String partition,
                    StructType schema, Iterator<Row> rows) {
        DatasetSpec spec = spec();
        BatchBuilder[] out = builders(spec);
        try (SplitReader reader = SplitReader.over(new SparkRowSource(table, partition, schema, rows), spec, days(), encoder,
                advertisers, policy, report)) {
            reader.read(out, Integer.MAX_VALUE);
        }
        Batch batch = out[split.ordinal()].build();
        encoder.encode(batch);
        return batch;
    }

    private static BatchBuilder[] builders(DatasetSpec spec) {
        BatchBuilder[] out = new BatchBuilder[Split.values().length];
        for (int s = 0; s < out.length; s++) {
            out[s] = new BatchBuilder(spec.columns().categorical().size(), spec.columns().numerical().size(), spec.actionCount(),
                    spec.columns().id() != null, 1 << 14);
        }
        return out;
    }
}
