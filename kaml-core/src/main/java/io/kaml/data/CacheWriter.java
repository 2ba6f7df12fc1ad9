package io.kaml.data;

import io.kaml.data.CacheMeta.EncoderState;
import io.kaml.data.CacheMeta.SplitMeta;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * The one streaming pass that writes an {@link EncodedCache} into a directory: every split read through
 * {@link SplitReader} a block at a time (train first; a log split by day in a single pass, each row to
 * its split), so advertiser indices, the encoder's fit (through the same {@link EncoderFit}) and the
 * bad-row notes come out as {@link Dataset#load(DatasetSpec, BadRowPolicy)} makes them. Holds one block
 * of rows per split (plus the side tables) at a time.
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
        EncoderFit fit = new EncoderFit(unfitted);
        Map<String, SplitMeta> splits = new LinkedHashMap<>();
        Progress progress = new Progress();
        if (spec.log() != null) {
            // One pass over the log, each row to its split's file.
            try (SplitReader reader = SplitReader.openLog(spec, unfitted, advertisers, policy, report, tables)) {
                writeSplits(reader, Split.values(), fit, progress).forEach((split, meta) -> splits.put(split.key(), meta));
            }
        } else {
            for (Split split : Split.values()) {
                try (SplitReader reader = SplitReader.open(spec, split, unfitted, advertisers, policy, report, tables)) {
                    splits.put(split.key(), writeSplits(reader, new Split[] {split}, fit, progress).get(split));
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < advertisers.size(); i++) {
            names.add(advertisers.name(i));
        }
        CacheMeta meta = new CacheMeta(CacheMeta.FORMAT, key, EncoderState.of(fit.fitted(unfitted)), names,
                BadRowReport.joinNotes(report.notes(), fit.bucketNotes(unfitted)), splits);
        try {
            meta.write(dir.resolve(CacheMeta.FILE));
        } catch (IOException e) {
            throw new DataException(dir, "cannot write the cache: " + CacheDirectory.why(e), e);
        }
        return meta;
    }

    /**
     * Writes the files of {@code splits} from {@code reader} (one split, or every split of a log), a block at
     * a time, feeding the training rows to {@code fit}.
     */
    private Map<Split, SplitMeta> writeSplits(SplitReader reader, Split[] splits, EncoderFit fit, Progress progress) {
        SplitFile[] files = new SplitFile[splits.length];
        BatchBuilder[] rows = new BatchBuilder[splits.length == 1 ? 1 : Split.values().length];
        try {
            for (int k = 0; k < splits.length; k++) {
                files[k] = new SplitFile(splits[k], splits[k] == Split.TRAIN ? fit : null);
            }
            for (int k = 0; k < rows.length; k++) {
                rows[k] = new BatchBuilder(layout.categoricalFields(), layout.numericalFields(), layout.actions(), withIds, blockRows);
            }
            while (true) {
                // Never more rows than the fullest builder can take, so every block but a split's last is full.
                int room = blockRows;
                for (BatchBuilder b : rows) {
                    room = Math.min(room, blockRows - b.size());
                }
                int read = reader.read(rows, room);
                for (int k = 0; k < splits.length; k++) {
                    BatchBuilder b = rows[rows.length == 1 ? 0 : splits[k].ordinal()];
                    if (b.size() == blockRows || read == 0 && b.size() > 0) {
                        files[k].add(b.build());
                        progress.add(b.size(), log);
                        b.clear();
                    }
                }
                if (read == 0) {
                    break;
                }
            }
            Map<Split, SplitMeta> out = new EnumMap<>(Split.class);
            for (SplitFile file : files) {
                out.put(file.split, file.finish());
            }
            return out;
        } catch (IOException e) {
            throw new DataException(dir, "cannot write the cache: " + CacheDirectory.why(e), e);
        } finally {
            for (SplitFile file : files) {
                if (file != null) {
                    file.close();
                }
            }
        }
    }

    /** Says every 10 s how many rows the encode has written, so a long one never looks hung. */
    private static final class Progress {
        private final long started = System.nanoTime();
        private long told = started;
        private long rows;

        void add(int n, Consumer<String> log) {
            rows += n;
            long now = System.nanoTime();
            if (now - told > PROGRESS_NANOS) {
                told = now;
                log.accept(String.format(Locale.ROOT, "encoding: %,d rows so far (%,.0f rows/s)", rows, rows / ((now - started) / 1e9)));
            }
        }
    }

    /** {@code <split>.bin} (and {@code <split>.ids}) being written, block by block, with their checksums. */
    private final class SplitFile {
        private final Split split;
        private final EncoderFit fit;
        private final FileChannel out;
        private final FileChannel ids;
        private final ByteBuffer buffer = layout.buffer(blockRows);
        private final CRC32 crc = new CRC32();
        private final List<Long> blockCrc = new ArrayList<>();
        private final List<Long> idOffsets = new ArrayList<>(List.of(0L));
        private final List<Long> idCrc = new ArrayList<>();
        private long total;

        SplitFile(Split split, EncoderFit fit) throws IOException {
            this.split = split;
            this.fit = fit;
            this.out = FileChannel.open(dir.resolve(split.key() + ".bin"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.ids = withIds ? FileChannel.open(dir.resolve(split.key() + ".ids"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                    : null;
        }

        void add(Batch block) throws IOException {
            if (fit != null) {
                fit.add(block);
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

        SplitMeta finish() throws IOException {
            out.force(true);
            if (ids != null) {
                ids.force(true);
            }
            return new SplitMeta((int) total, longs(blockCrc), withIds ? longs(idOffsets) : new long[0], longs(idCrc));
        }

        void close() {
            try {
                out.close();
                if (ids != null) {
                    ids.close();
                }
            } catch (IOException e) {
                throw new DataException(dir, "cannot write the cache: " + CacheDirectory.why(e), e);
            }
        }
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
