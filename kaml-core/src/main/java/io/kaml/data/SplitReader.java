package io.kaml.data;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Streams one split file (CSV or TSV, gzip or plain, with a header row) into {@link BatchBuilder}s,
 * checking every row against the data contract. Memory stays bounded by the block the caller asks for,
 * so files larger than memory can be read block by block.
 *
 * <p>Numerical values are delivered raw (NaN for an empty cell); see {@link FeatureEncoder#encodeNumerical}.
 */
public final class SplitReader implements Closeable {
    private final Path file;
    private final DatasetSpec spec;
    private final FeatureEncoder encoder;
    private final AdvertiserIndex advertisers;
    private final BadRowPolicy policy;
    private final BadRowReport report;
    private final CsvReader<CsvRecord> csv;
    private final CloseableIterator<CsvRecord> records;
    private final RowLayout layout;
    private final int[] cat;
    private final float[] num;
    private final byte[] lab;

    private SplitReader(Path file, DatasetSpec spec, FeatureEncoder encoder, AdvertiserIndex advertisers,
                        BadRowPolicy policy, BadRowReport report) throws IOException {
        this.file = file;
        this.spec = spec;
        this.encoder = encoder;
        this.advertisers = advertisers;
        this.policy = policy;
        this.report = report;
        this.csv = CsvReader.builder()
                .fieldSeparator(spec.separatorFor(file))
                .ignoreDifferentFieldCount(true)
                .skipEmptyLines(true)
                .detectBomHeader(true)
                .ofCsvRecord(new InputStreamReader(LogFileInput.open(file), StandardCharsets.UTF_8));
        this.records = csv.iterator();
        if (!hasNext(records, file)) {
            csv.close();
            throw new DataException(file, 0, null, "empty file: expected a header row");
        }
        this.layout = RowLayout.of(file, records.next(), spec);
        cat = new int[spec.columns().categorical().size()];
        num = new float[spec.columns().numerical().size()];
        lab = new byte[spec.actionCount()];
    }

    /** Opens {@code split} of {@code spec}; unseen advertisers are added to {@code advertisers}. */
    public static SplitReader open(DatasetSpec spec, Split split, FeatureEncoder encoder, AdvertiserIndex advertisers,
                                   BadRowPolicy policy, BadRowReport report) {
        Path file = spec.file(split);
        try {
            return new SplitReader(file, spec, encoder, advertisers, policy, report);
        } catch (NoSuchFileException e) {
            throw new DataException(file, "file not found (declared as files." + split.key() + " in " + spec.source() + ")", e);
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Appends up to {@code maxRows} good rows to {@code out}.
     *
     * @return rows appended; 0 means the file is exhausted
     */
    public int read(BatchBuilder out, int maxRows) {
        int added = 0;
        while (added < maxRows && hasNext()) {
            CsvRecord record = records.next();
            try {
                parse(record, out);
                added++;
            } catch (DataException e) {
                if (policy == BadRowPolicy.FAIL) {
                    throw e;
                }
                report.skip(reasonOf(e), e);
            }
        }
        return added;
    }

    /** Reads the whole file into one batch. */
    public Batch readAll() {
        BatchBuilder out = new BatchBuilder(cat.length, num.length, lab.length, layout.id() >= 0, 1 << 14);
        read(out, Integer.MAX_VALUE);
        return out.build();
    }

    private boolean hasNext() {
        return hasNext(records, file);
    }

    /** Advances a CSV iterator, turning FastCSV's parse and I/O failures into errors that name the file. */
    static boolean hasNext(CloseableIterator<CsvRecord> records, Path file) {
        try {
            return records.hasNext();
        } catch (CsvParseException e) {
            throw new DataException(file, 0, null, "malformed CSV: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new DataException(file, "cannot read: " + e.getCause().getMessage(), e);
        }
    }

    private void parse(CsvRecord r, BatchBuilder out) {
        long line = r.getStartingLineNumber();
        layout.checkFieldCount(r);
        int target = layout.targetOf(r);
        layout.labelsOf(r, target, lab);
        String advertiser = layout.advertiserOf(r);
        int day = day(r.getField(layout.day()), line);
        for (int f = 0; f < num.length; f++) {
            num[f] = number(r.getField(layout.numerical()[f]), line, f);
        }
        for (int f = 0; f < cat.length; f++) {
            cat[f] = encoder.bucket(f, r.getField(layout.categorical()[f]));
        }
        String id = layout.id() >= 0 ? r.getField(layout.id()) : null;
        out.add(cat, num, lab, target, advertisers.indexOf(advertiser), day, id);
    }

    private int day(String v, long line) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new DataException(file, line, spec.columns().day(), "day must be an integer, got '" + v + "'");
        }
    }

    private float number(String v, long line, int field) {
        try {
            return (float) FeatureEncoder.parseNumber(v);
        } catch (NumberFormatException e) {
            throw new DataException(file, line, spec.columns().numerical().get(field), e.getMessage());
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
        try {
            csv.close();
        } catch (IOException e) {
            throw new DataException(file, "cannot close: " + e.getMessage(), e);
        }
    }
}
