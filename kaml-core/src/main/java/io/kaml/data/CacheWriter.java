package io.kaml.data;

import io.kaml.data.CacheMeta.EncoderState;
import io.kaml.data.CacheMeta.SplitMeta;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * The one streaming pass that writes an {@link EncodedCache} into a directory: every split read through
 * {@link SplitReader} a block at a time, train first, so advertiser indices, numerical statistics and
 * the bad-row notes come out as {@link Dataset#load(DatasetSpec, BadRowPolicy)} makes them. Holds one
 * block of rows (plus the side tables) at a time.
 */
final class CacheWriter {
    private final DatasetSpec spec;
    private final BadRowPolicy policy;
    private final BlockLayout layout;
    private final int blockRows;
    private final boolean withIds;
    private final Path dir;
    private final Consumer<String> log;

    /** A long encode says how far it got this often, so it never looks hung. */
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private CacheWriter(DatasetSpec spec, BadRowPolicy policy, int blockRows, Path dir, Consumer<String> log) {
        this.spec = spec;
        this.policy = policy;
        this.layout = BlockLayout.of(spec);
        this.blockRows = blockRows;
        this.withIds = spec.columns().id() != null;
        this.dir = dir;
        this.log = log;
    }

    /**
     * Encodes every split of {@code spec} into a temporary sibling of {@code home}'s cache, then puts it in place
     * of the old cache (if any); a failure leaves the old cache and no temporary directory.
     */
    static CacheMeta build(DatasetSpec spec, BadRowPolicy policy, CacheKey key, CacheDirectory home, Consumer<String> log) {
        long start = System.nanoTime();
        Path built = home.newTemporary();
        try {
            CacheWriter writer = new CacheWriter(spec, policy, key.blockRows(), built, log);
            CacheMeta meta = writer.write(key);
            home.publish(built);
            long rows = (long) meta.split(Split.TRAIN).rows() + meta.split(Split.VALID).rows() + meta.split(Split.TEST).rows();
            double seconds = (System.nanoTime() - start) / 1e9;
            log.accept(String.format(Locale.ROOT, "cached %,d train / %,d valid / %,d test rows in %.1f s (%,.0f rows/s; %d bytes a row%s)",
                    meta.split(Split.TRAIN).rows(), meta.split(Split.VALID).rows(), meta.split(Split.TEST).rows(), seconds,
                    rows / seconds, writer.layout.rowBytes(), writer.withIds ? " plus its id" : ""));
            return meta;
        } catch (RuntimeException e) {
            try {
                CacheDirectory.deleteTree(built);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Writes every split into {@code dir}, then meta.json. */
    private CacheMeta write(CacheKey key) {
        AdvertiserIndex advertisers = new AdvertiserIndex();
        BadRowReport report = new BadRowReport();
        FeatureEncoder unfitted = FeatureEncoder.unfitted(spec);
        List<FeatureTable> tables = SplitReader.loadTables(spec);
        NumericalStats.Accumulator stats = new NumericalStats.Accumulator(layout.numericalFields(), unfitted.transform());
        Map<String, SplitMeta> splits = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            try (SplitReader reader = SplitReader.open(spec, split, unfitted, advertisers, policy, report, tables)) {
                splits.put(split.key(), writeSplit(split, reader, split == Split.TRAIN ? stats : null));
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < advertisers.size(); i++) {
            names.add(advertisers.name(i));
        }
        CacheMeta meta = new CacheMeta(CacheMeta.FORMAT, key, EncoderState.of(unfitted.withStats(stats.result())), names,
                report.notes(), splits);
        try {
            meta.write(dir.resolve(CacheMeta.FILE));
        } catch (IOException e) {
            throw new DataException(dir, "cannot write the cache: " + CacheDirectory.why(e), e);
        }
        return meta;
    }

    /** Writes {@code <split>.bin} (and {@code <split>.ids}), feeding the training rows to {@code stats}. */
    private SplitMeta writeSplit(Split split, SplitReader reader, NumericalStats.Accumulator stats) {
        Path bin = dir.resolve(split.key() + ".bin");
        Path idFile = dir.resolve(split.key() + ".ids");
        BatchBuilder rows = new BatchBuilder(layout.categoricalFields(), layout.numericalFields(), layout.actions(), withIds, blockRows);
        ByteBuffer buffer = layout.buffer(blockRows);
        CRC32 crc = new CRC32();
        long total = 0;
        List<Long> blockCrc = new ArrayList<>();
        List<Long> idOffsets = new ArrayList<>(List.of(0L));
        List<Long> idCrc = new ArrayList<>();
        try (FileChannel out = FileChannel.open(bin, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             FileChannel ids = withIds ? FileChannel.open(idFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE) : null) {
            long started = System.nanoTime();
            long told = started;
            while (fill(reader, rows) > 0) {
                long now = System.nanoTime();
                if (now - told > PROGRESS_NANOS) {
                    told = now;
                    log.accept(String.format(Locale.ROOT, "encoding %s: %,d rows so far (%,.0f rows/s)", split.key(), total,
                            total / ((now - started) / 1e9)));
                }
                Batch block = rows.build();
                rows.clear();
                if (stats != null) {
                    stats.add(block);
                }
                total += block.size();
                if (total > Integer.MAX_VALUE) {
                    throw new DataException(spec.source(), 0, null, "the " + split.key() + " split holds more than "
                            + Integer.MAX_VALUE + " rows, more than a cache split can");
                }
                buffer.clear();
                layout.encode(block, buffer);
                blockCrc.add(writeFully(out, buffer.flip(), crc));
                if (ids != null) {
                    ByteBuffer encoded = BlockLayout.encodeIds(block.ids(), block.size());
                    idOffsets.add(idOffsets.getLast() + encoded.remaining());
                    idCrc.add(writeFully(ids, encoded, crc));
                }
            }
            out.force(true);
            if (ids != null) {
                ids.force(true);
            }
        } catch (IOException e) {
            throw new DataException(bin, "cannot write the cache: " + CacheDirectory.why(e), e);
        }
        return new SplitMeta((int) total, longs(blockCrc), withIds ? longs(idOffsets) : new long[0], longs(idCrc));
    }

    /** Reads up to a block of rows into {@code rows}; 0 when the split is exhausted. */
    private int fill(SplitReader reader, BatchBuilder rows) {
        // read() stops short only at the end of the split; asking again keeps every block but the last full regardless.
        int added;
        do {
            added = reader.read(rows, blockRows - rows.size());
        } while (added > 0 && rows.size() < blockRows);
        return rows.size();
    }

    /** Writes {@code bytes} to the end of {@code out}; returns their CRC32. */
    private static long writeFully(FileChannel out, ByteBuffer bytes, CRC32 crc) throws IOException {
        crc.reset();
        crc.update(bytes.duplicate());
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
        return crc.getValue();
    }

    private static long[] longs(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
