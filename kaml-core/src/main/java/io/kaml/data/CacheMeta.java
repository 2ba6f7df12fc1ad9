package io.kaml.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code meta.json} of an {@link EncodedCache}: what it was built from and what its data files hold.
 * Written last, so a cache directory with a readable meta.json was completely written.
 *
 * @param format      {@link #FORMAT} of the code that wrote it
 * @param key         what the cache was built from
 * @param encoder     the encoder fitted on the training split
 * @param advertisers advertiser names in index order
 * @param notes       {@link BadRowReport#notes()} of the encode pass and the buckets' {@link BucketSizing#notes}, "" if nothing
 * @param splits      per split key ({@code train}, ...), its rows and checksums
 */
record CacheMeta(int format, CacheKey key, EncoderState encoder, List<String> advertisers, String notes,
                 Map<String, SplitMeta> splits) {

    /**
     * Version of the on-disk format; a cache of another version is rebuilt. Raise it whenever the bytes change.
     * 2: the encoder state records the features missing in training. 3: fields the spec leaves to the data are
     * stored as read at {@link BucketSizing#READ_WIDTH} and narrowed to the fitted size when read back.
     */
    static final int FORMAT = 3;
    static final String FILE = "meta.json";

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    CacheMeta {
        advertisers = List.copyOf(advertisers);
        splits = Map.copyOf(splits);
    }

    /**
     * One split's data files.
     *
     * @param rows       rows of the split
     * @param blockCrc32 [blocks] CRC32 of each block's bytes in {@code <split>.bin}
     * @param idOffsets  [blocks + 1] where each block's ids start in {@code <split>.ids}, then its size; empty without ids
     * @param idCrc32    [blocks] CRC32 of each block's bytes in {@code <split>.ids}; empty without ids
     */
    record SplitMeta(int rows, long[] blockCrc32, long[] idOffsets, long[] idCrc32) {
        int blocks() {
            return blockCrc32.length;
        }
    }

    /**
     * The state of a {@link FeatureEncoder} fitted on the training split; {@code numericalMean}/{@code numericalStd}
     * are [numericalFields], {@code missingInTraining} the features empty in some training row. No dropout: that
     * belongs to a training run, not to the data.
     */
    record EncoderState(List<String> actions, List<String> categorical, int[] buckets, int hashSeed, List<String> numerical,
                        NumericalTransform numericalTransform, double[] numericalMean, double[] numericalStd,
                        List<String> missingInTraining) {

        static EncoderState of(FeatureEncoder e) {
            return new EncoderState(e.actions(), e.categoricalFields(), e.buckets(), e.hashSeed(), e.numericalFields(),
                    e.transform(), e.stats().mean(), e.stats().std(), e.missing().seen());
        }

        FeatureEncoder encoder() {
            return new FeatureEncoder(actions, categorical, buckets, hashSeed, numerical, numericalTransform,
                    new NumericalStats(numericalMean, numericalStd), new MissingValues(missingInTraining, 0));
        }
    }

    SplitMeta split(Split split) {
        return splits.get(split.key());
    }

    void write(Path file) throws IOException {
        AtomicFile.write(file, JSON.writeValueAsBytes(this));
    }

    /**
     * Reads {@code file} if it is of this code's format.
     *
     * @throws IOException whose message is the one-line reason the cache cannot be used, e.g. {@code format version 1 -> 2}
     */
    static CacheMeta read(Path file) throws IOException {
        try {
            JsonNode tree = JSON.readTree(Files.readAllBytes(file));
            if (tree == null || !tree.path("format").isInt()) {
                throw new IOException(FILE + " does not parse (no format version)");
            }
            int format = tree.get("format").intValue();
            if (format != FORMAT) {
                throw new IOException("format version " + format + " -> " + FORMAT);
            }
            CacheMeta meta = JSON.treeToValue(tree, CacheMeta.class);
            // Built once here so that a damaged encoder state reads as a damaged file.
            meta.encoder.encoder();
            return meta;
        } catch (NoSuchFileException e) {
            throw new IOException(FILE + " is missing", e);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            // A null inside a list (a damaged but well-formed file) reaches FeatureEncoder's List.copyOf as an NPE.
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new IOException(FILE + " does not parse (" + String.valueOf(why).replaceAll("\\s+", " ") + ")", e);
        }
    }

    /** Why the per-split entries do not fit the key's rows per block (and ids or none), or null when they do. */
    String inconsistency(boolean withIds) {
        int blockRows = key.blockRows();
        for (Split split : Split.values()) {
            SplitMeta s = split(split);
            if (s == null || blockRows < 1 || s.rows() < 0) {
                return FILE + " is inconsistent: no valid entry for the " + split.key() + " split";
            }
            int blocks = (int) ((s.rows() + (long) blockRows - 1) / blockRows);
            if (s.blocks() != blocks || (withIds ? s.idOffsets().length != blocks + 1 || s.idCrc32().length != blocks
                    : s.idOffsets().length != 0)) {
                return FILE + " is inconsistent: the " + split.key() + " split's blocks do not add up";
            }
        }
        return null;
    }

    /** Which data file in {@code dir} does not have the size this meta implies (a truncated copy, a killed write), or null. */
    String sizeProblem(Path dir, int rowBytes) throws IOException {
        for (Split split : Split.values()) {
            SplitMeta s = split(split);
            String why = sizeProblem(dir.resolve(split.key() + ".bin"), (long) s.rows() * rowBytes);
            if (why == null && s.idOffsets().length > 0) {
                why = sizeProblem(dir.resolve(split.key() + ".ids"), s.idOffsets()[s.blocks()]);
            }
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    private static String sizeProblem(Path file, long expected) throws IOException {
        if (!Files.exists(file)) {
            return file.getFileName() + " is missing";
        }
        long size = Files.size(file);
        return size == expected ? null : size < expected
                ? file.getFileName() + " is truncated (" + size + " of " + expected + " bytes)"
                : file.getFileName() + " has " + size + " bytes, " + expected + " expected";
    }
}
