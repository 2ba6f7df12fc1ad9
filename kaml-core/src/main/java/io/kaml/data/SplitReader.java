package io.kaml.data;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams one split (its files, or the rows of one log within the split's days; CSV/TSV or Parquet)
 * into {@link BatchBuilder}s, joining side tables and checking every row against the data contract.
 * {@link #openLog} reads a log split by day in one pass instead, delivering each row to its split.
 * Memory stays bounded by the block the caller asks for (plus the side tables), so files larger than
 * memory can be read block by block.
 *
 * <p>Numerical values are delivered raw (NaN for an empty cell); see {@link FeatureEncoder#encode}.
 */
public final class SplitReader implements Closeable {
    private final DatasetSpec spec;
    /** The splits this reader delivers, and the days of each (null: every row, for a split of its own files). */
    private final Split[] splits;
    private final DayRange[] days;
    private final FeatureEncoder encoder;
    private final AdvertiserIndex advertisers;
    private final BadRowPolicy policy;
    private final BadRowReport report;
    private final List<FeatureTable> tables;
    private final List<Path> files;
    private final List<String> wanted;
    private final int[] cat;
    private final float[] num;
    private final byte[] lab;
    /** [splits][tables] rows whose key a table lacked. */
    private final long[][] unmatched;
    private final long[] joinedRows;
    private boolean closed;
    private int nextFile;
    private RowSource source;
    private RowLayout layout;
    private FeatureLayout features;

    /** @param days [splits] the days of each split, null entries meaning every row */
    private SplitReader(DatasetSpec spec, Split[] splits, DayRange[] days, List<Path> files, FeatureEncoder encoder,
                        AdvertiserIndex advertisers, BadRowPolicy policy, BadRowReport report, List<FeatureTable> tables) {
        this.spec = spec;
        this.splits = splits;
        this.encoder = encoder;
        this.advertisers = advertisers;
        this.policy = policy;
        this.report = report;
        this.tables = tables;
        this.files = files;
        this.days = days;
        this.wanted = columnsOf(spec);
        cat = new int[spec.columns().categorical().size()];
        num = new float[spec.columns().numerical().size()];
        lab = new byte[spec.actionCount()];
        unmatched = new long[splits.length][tables.size()];
        joinedRows = new long[splits.length];
    }

    /** Opens {@code split} of {@code spec}, loading its side tables; unseen advertisers are added to {@code advertisers}. */
    public static SplitReader open(DatasetSpec spec, Split split, FeatureEncoder encoder, AdvertiserIndex advertisers,
                                   BadRowPolicy policy, BadRowReport report) {
        return open(spec, split, encoder, advertisers, policy, report, loadTables(spec));
    }

    /** Opens {@code split} with side tables already loaded by {@link #loadTables}, to share them between splits. */
    public static SplitReader open(DatasetSpec spec, Split split, FeatureEncoder encoder, AdvertiserIndex advertisers,
                                   BadRowPolicy policy, BadRowReport report, List<FeatureTable> tables) {
        SplitReader reader = new SplitReader(spec, new Split[] {split}, new DayRange[] {spec.daysOf(split)},
                spec.filesOf(split).resolve(), encoder, advertisers, policy, report, tables);
        reader.openNextFile();
        return reader;
    }

    /**
     * Opens a log split by day ({@code log:} with {@code split:}) for one pass over it: {@link #read(BatchBuilder[], int)}
     * delivers each row to the builder of its split; rows on days of no split are left out. Advertisers get
     * indices in log order.
     */
    public static SplitReader openLog(DatasetSpec spec, FeatureEncoder encoder, AdvertiserIndex advertisers, BadRowPolicy policy,
                                      BadRowReport report, List<FeatureTable> tables) {
        if (spec.log() == null) {
            throw new IllegalArgumentException("openLog needs a spec with a log split by day");
        }
        Map<Split, DayRange> days = spec.daySplit().resolve(spec);
        SplitReader reader = new SplitReader(spec, Split.values(), daysOf(days), spec.log().resolve(), encoder, advertisers,
                policy, report, tables);
        reader.openNextFile();
        return reader;
    }

    /**
     * Reads rows that arrive from elsewhere, such as a Spark partition, through {@code source}: each row
     * goes to the split whose days in {@code days} hold it, as {@link #openLog} does, and the spec's own
     * files are not read. Side tables are not joined (the caller joins them before, e.g. in Spark SQL).
     */
    public static SplitReader over(RowSource source, DatasetSpec spec, Map<Split, DayRange> days, FeatureEncoder encoder,
                                   AdvertiserIndex advertisers, BadRowPolicy policy, BadRowReport report) {
        SplitReader reader = new SplitReader(spec, Split.values(), daysOf(days), List.of(), encoder, advertisers, policy,
                report, List.of());
        reader.source = source;
        reader.layout = RowLayout.of(source, spec);
        reader.features = FeatureLayout.of(source, spec, List.of());
        return reader;
    }

    private static DayRange[] daysOf(Map<Split, DayRange> days) {
        DayRange[] out = new DayRange[Split.values().length];
        for (Split split : Split.values()) {
            out[split.ordinal()] = days.get(split);
        }
        return out;
    }

    /** The log columns a reader of {@code spec} reads: id, advertiser, target, day, labels, log features and join keys. */
    public static List<String> columnsOf(DatasetSpec spec) {
        // A join key may also be a feature: each column once.
        Set<String> columns = new LinkedHashSet<>(RowLayout.columnsOf(spec));
        columns.addAll(FeatureLayout.logColumnsOf(spec));
        return List.copyOf(columns);
    }

    /** Every side table of {@code spec}, with the columns its features use. */
    public static List<FeatureTable> loadTables(DatasetSpec spec) {
        List<FeatureTable> out = new ArrayList<>();
        for (Map.Entry<TableSpec, List<String>> t : FeatureLayout.tableColumnsOf(spec).entrySet()) {
            out.add(FeatureTable.load(t.getKey(), t.getValue(), spec.separator()));
        }
        return out;
    }

    /** Opens the next file, checking its columns; leaves no source open when every file has been read. */
    private void openNextFile() {
        if (source != null) {
            source.close();
            source = null;
        }
        if (nextFile == files.size()) {
            return;
        }
        Path file = files.get(nextFile++);
        source = RowSource.open(file, spec.separatorFor(file), wanted);
        try {
            layout = RowLayout.of(source, spec);
            features = FeatureLayout.of(source, spec, tables);
        } catch (DataException e) {
            source.close();
            source = null;
            throw e;
        }
    }

    /**
     * Appends up to {@code maxRows} good rows of the split to {@code out}.
     *
     * @return rows appended; 0 means the split is exhausted
     */
    public int read(BatchBuilder out, int maxRows) {
        if (splits.length != 1) {
            throw new IllegalStateException("a log reader delivers rows to one builder per split");
        }
        return read(new BatchBuilder[] {out}, maxRows);
    }

    /**
     * Appends up to {@code maxRows} good rows, each to {@code out[split.ordinal()]} of its split (for a
     * one-split reader, to {@code out[0]}).
     *
     * @return rows appended over all builders; 0 means the input is exhausted
     */
    public int read(BatchBuilder[] out, int maxRows) {
        int added = 0;
        while (added < maxRows && nextRow()) {
            try {
                if (parse(out)) {
                    added++;
                }
            } catch (DataException e) {
                if (policy == BadRowPolicy.FAIL) {
                    throw e.markBadRow();
                }
                report.skip(reasonOf(e), e);
            }
        }
        return added;
    }

    private boolean nextRow() {
        while (source != null) {
            if (source.next()) {
                return true;
            }
            openNextFile();
        }
        return false;
    }

    /** Reads the whole split into one batch. */
    public Batch readAll() {
        BatchBuilder out = new BatchBuilder(cat.length, num.length, lab.length, spec.columns().id() != null, 1 << 14);
        read(out, Integer.MAX_VALUE);
        return out.build();
    }

    /** Appends the current row to its split's builder; false when its day belongs to no split this reader delivers. */
    private boolean parse(BatchBuilder[] out) {
        source.checkRow();
        int day = layout.dayOf();
        int k = splitOf(day);
        if (k < 0) {
            return false;
        }
        int target = layout.targetOf();
        layout.labelsOf(target, lab);
        String advertiser = layout.advertiserOf();
        features.join(unmatched[k]);
        joinedRows[k]++;
        for (int f = 0; f < num.length; f++) {
            num[f] = number(f);
        }
        for (int f = 0; f < cat.length; f++) {
            cat[f] = encoder.bucket(f, features.categorical(f));
        }
        String id = layout.id() >= 0 ? source.cell(layout.id()) : null;
        out[splits.length == 1 ? 0 : splits[k].ordinal()].add(cat, num, lab, target, advertisers.indexOf(advertiser), day, id);
        return true;
    }

    /** Index into {@link #splits} of the split whose days hold {@code day}, or -1. */
    private int splitOf(int day) {
        for (int k = 0; k < splits.length; k++) {
            if (days[k] == null || days[k].contains(day)) {
                return k;
            }
        }
        return -1;
    }

    private float number(int field) {
        try {
            return (float) features.number(field);
        } catch (NumberFormatException e) {
            throw source.error(spec.columns().numerical().get(field), e.getMessage());
        }
    }

    /** Reason categories for the skip report: the error message without the row-specific value. */
    private static String reasonOf(DataException e) {
        String reason = e.reason();
        int quote = reason.indexOf(", got");
        String kind = quote > 0 ? reason.substring(0, quote) : reason.replaceAll("'[^']*'", "'…'");
        return e.column() == null ? kind : "column '" + e.column() + "': " + kind;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int k = 0; k < splits.length; k++) {
            for (int t = 0; t < tables.size(); t++) {
                report.joined(splits[k], tables.get(t).spec().name(), unmatched[k][t], joinedRows[k]);
            }
        }
        if (source != null) {
            source.close();
            source = null;
        }
    }
}
