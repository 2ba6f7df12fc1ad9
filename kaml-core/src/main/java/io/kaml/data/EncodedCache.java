package io.kaml.data;

import io.kaml.data.CacheMeta.SplitMeta;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A dataset's splits encoded once into fixed-width columnar blocks on disk (see {@link BlockLayout}), to
 * be read back block by block with bounded memory, or a whole split at a time into the same batches
 * {@link Dataset#load(DatasetSpec, BadRowPolicy)} gives. Layout of {@link #directory()}:
 * <pre>
 * meta.json    format version, key, rows and per-block CRC32s per split, encoder, advertisers, notes
 * train.bin    the training split's blocks, block b at b * blockRows * rowBytes
 * train.ids    its ids (only when the spec declares an id column), block b at an offset meta.json records
 * valid.bin, valid.ids, test.bin, test.ids
 * </pre>
 * The cache is rebuilt when its key (spec, bad-row policy, input files' sizes and times, see {@link CacheKey})
 * changed or a data file's size is wrong; a block whose checksum fails when read is an error that also
 * marks the cache for rebuilding on the next open.
 *
 * <p>Reads are positional ({@link FileChannel#read(ByteBuffer, long)}), so {@link #block} and {@link #readAll}
 * may be called from several threads at once. {@link #close()} closes the files.
 */
public final class EncodedCache implements Closeable {
    public static final int DEFAULT_BLOCK_ROWS = 65_536;
    /** The longest Java array the JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final CacheDirectory home;
    private final CacheMeta meta;
    private final BlockLayout layout;
    private final boolean withIds;
    private final FeatureEncoder encoder;
    private final AdvertiserIndex advertisers = new AdvertiserIndex();
    private final Map<Split, FileChannel> blocks = new EnumMap<>(Split.class);
    private final Map<Split, FileChannel> ids = new EnumMap<>(Split.class);

    private EncodedCache(CacheDirectory home, CacheMeta meta, BlockLayout layout, boolean withIds) {
        this.home = home;
        this.meta = meta;
        this.layout = layout;
        this.withIds = withIds;
        this.encoder = meta.encoder().encoder();
        meta.advertisers().forEach(advertisers::indexOf);
        try {
            for (Split split : Split.values()) {
                blocks.put(split, FileChannel.open(file(split, ".bin")));
                if (withIds) {
                    ids.put(split, FileChannel.open(file(split, ".ids")));
                }
            }
        } catch (IOException e) {
            close();
            throw new DataException(home.path(), "cannot read the cache: " + CacheDirectory.why(e), e);
        }
    }

    /**
     * Opens the cache of {@code spec} under {@code root} (a directory; created if missing), building it when it
     * is missing and rebuilding it when it is stale or corrupt; every build or rebuild and its reason goes to
     * {@code log} as one line, and so does "using the cache at ..." when it is used as is.
     */
    public static EncodedCache open(DatasetSpec spec, BadRowPolicy policy, Path root, Consumer<String> log) {
        return open(spec, policy, root, log, DEFAULT_BLOCK_ROWS);
    }

    /**
     * As {@link #open(DatasetSpec, BadRowPolicy, Path, Consumer)} with {@code blockRows} rows per block instead of
     * {@value #DEFAULT_BLOCK_ROWS}, for tests that want many small blocks; a different value rebuilds the cache.
     */
    public static EncodedCache open(DatasetSpec spec, BadRowPolicy policy, Path root, Consumer<String> log, int blockRows) {
        BlockLayout layout = BlockLayout.of(spec);
        boolean withIds = spec.columns().id() != null;
        CacheKey key = CacheKey.of(spec, policy, layout.blockRows(blockRows));
        CacheDirectory home = CacheDirectory.of(root, spec);
        try (var _ = home.lock(log)) {
            home.removeLeftovers(log);
            CacheMeta meta;
            if (!Files.exists(home.path())) {
                log.accept("building the cache at " + home.path() + " (there is none yet)");
                meta = CacheWriter.build(spec, policy, key, home, log);
            } else {
                try {
                    meta = usable(spec, key, home, layout, withIds);
                    log.accept("using the cache at " + home.path());
                } catch (IOException why) {
                    log.accept("rebuilding the cache at " + home.path() + ": " + why.getMessage());
                    meta = CacheWriter.build(spec, policy, key, home, log);
                }
            }
            return new EncodedCache(home, meta, layout, withIds);
        }
    }

    /**
     * The stored meta when the cache at {@code home} was built with {@code key} and its files are whole.
     *
     * @throws IOException whose message says why the cache must be rebuilt
     */
    private static CacheMeta usable(DatasetSpec spec, CacheKey key, CacheDirectory home, BlockLayout layout, boolean withIds)
            throws IOException {
        String corrupt = home.corruptMark();
        if (corrupt != null) {
            throw new IOException(corrupt + " (found when it was read)");
        }
        CacheMeta meta = CacheMeta.read(home.path().resolve(CacheMeta.FILE));
        String why = key.differenceFrom(meta.key(), spec.source());
        if (why == null) {
            why = meta.inconsistency(withIds);
        }
        if (why == null) {
            why = meta.sizeProblem(home.path(), layout.rowBytes());
        }
        if (why != null) {
            throw new IOException(why);
        }
        return meta;
    }

    public Path directory() {
        return home.path();
    }

    /** The encoder with numerical statistics fitted on the training split. */
    public FeatureEncoder encoder() {
        return encoder;
    }

    /** Every split's advertisers, training split first. */
    public AdvertiserIndex advertisers() {
        return advertisers;
    }

    /** What the encode pass's {@link BadRowReport#notes()} said (skipped rows, unmatched joins), "" if nothing. */
    public String notes() {
        return meta.notes();
    }

    public int rows(Split split) {
        return meta.split(split).rows();
    }

    public int blocks(Split split) {
        return meta.split(split).blocks();
    }

    /** Rows per block; the last block of a split may be shorter. */
    public int blockRows() {
        return meta.key().blockRows();
    }

    /**
     * Block {@code b} (0-based) of {@code split}: its rows as read (numerical raw, NaN = missing; encode them
     * with {@link #encoder()}), with ids when the spec declares an id column.
     *
     * @throws DataException naming the cache file and the block when the block fails its checksum
     */
    public Batch block(Split split, int b) {
        Objects.checkIndex(b, blocks(split));
        Batch out = layout.allocate(rowsIn(split, b), withIds);
        readBlock(split, b, out, 0);
        return out;
    }

    /** The whole of {@code split} in one batch, numerical values encoded with {@link #encoder()}. */
    public Batch readAll(Split split) {
        long widest = Math.max(Math.max(layout.categoricalFields(), layout.numericalFields()), layout.actions());
        if (rows(split) * widest > MAX_ARRAY) {
            throw new DataException(file(split, ".bin"), 0, null, "the " + split.key() + " split's " + rows(split) + " rows of "
                    + widest + " values do not fit one array; read it block by block");
        }
        Batch all = layout.allocate(rows(split), withIds);
        for (int b = 0; b < blocks(split); b++) {
            readBlock(split, b, all, b * blockRows());
        }
        encoder.encode(all);
        return all;
    }

    private int rowsIn(Split split, int b) {
        return Math.min(blockRows(), rows(split) - b * blockRows());
    }

    /** Reads block {@code b} of {@code split} into rows {@code [first, first + its rows)} of {@code into}. */
    private void readBlock(Split split, int b, Batch into, int first) {
        SplitMeta s = meta.split(split);
        int n = rowsIn(split, b);
        ByteBuffer bytes = layout.buffer(n);
        read(split, ".bin", blocks.get(split), (long) b * blockRows() * layout.rowBytes(), bytes, s.blockCrc32()[b], b);
        layout.decode(bytes, n, into, first);
        if (withIds) {
            long from = s.idOffsets()[b];
            ByteBuffer idBytes = ByteBuffer.allocate(Math.toIntExact(s.idOffsets()[b + 1] - from)).order(ByteOrder.LITTLE_ENDIAN);
            read(split, ".ids", ids.get(split), from, idBytes, s.idCrc32()[b], b);
            BlockLayout.decodeIds(idBytes, n, into.ids(), first);
        }
    }

    /** Fills {@code into} from {@code channel} at {@code position} and checks it against {@code crc32}; leaves it flipped. */
    private void read(Split split, String suffix, FileChannel channel, long position, ByteBuffer into, long crc32, int b) {
        Path file = file(split, suffix);
        try {
            while (into.hasRemaining()) {
                if (channel.read(into, position + into.position()) < 0) {
                    throw corrupt(file, file.getFileName() + " ends inside block " + b);
                }
            }
        } catch (IOException e) {
            throw new DataException(file, "cannot read the cache: " + CacheDirectory.why(e), e);
        }
        into.flip();
        CRC32 crc = new CRC32();
        crc.update(into.duplicate());
        if (crc.getValue() != crc32) {
            throw corrupt(file, "block " + b + " of " + split.key() + " fails its checksum");
        }
    }

    /** The error for a corrupt cache; also marks the cache so that the next open rebuilds it. */
    private DataException corrupt(Path file, String reason) {
        home.markCorrupt(reason);
        return new DataException(file, 0, null, "the cache is corrupt: " + reason + "; delete " + home.path() + " or rerun to rebuild it");
    }

    private Path file(Split split, String suffix) {
        return home.path().resolve(split.key() + suffix);
    }

    @Override
    public void close() {
        for (FileChannel channel : Stream.concat(blocks.values().stream(), ids.values().stream()).toList()) {
            try {
                channel.close();
            } catch (IOException e) {
                // Read-only files: nothing is lost when closing one fails.
            }
        }
    }
}
