package io.kaml.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The public check on KuaiRand-Pure: turns its fully labelled log into the datasets the checks train
 * on, each one Parquet log with a target and an advertiser column, read with the feature tables as
 * they are. Same source and seed give identical files; the paper's three variants give each sample
 * the same target.
 *
 * <ul>
 *   <li><b>The paper's protocol</b> (actions {@link #PAPER_ACTIONS}): every sample gets a uniformly
 *       random target; {@code oracle} keeps every label, {@code vanilla} only the target's,
 *       {@code kaml} the target's and two random others. A label not kept is empty (unknown), as the
 *       paper's incomplete multi-label setting has it.</li>
 *   <li><b>The advertiser protocol</b> (actions {@link #ADVERTISER_ACTIONS}, adding the common
 *       {@code long_view} so that rare actions have a dense one to learn from): the author plays the
 *       advertiser and targets one action for all its samples; each other action it reports
 *       completely, partly (each conversion with a fixed per-advertiser rate) or not at all, and an
 *       unreported conversion is written as 0, as real logs do — the situation ADM was designed for.</li>
 * </ul>
 * Authors with fewer than {@link Config#minAuthorRows} rows are pooled into {@link Config#pools}
 * pseudo-advertisers by a hash of their id, so every advertiser has enough rows for its reporting to
 * be countable; a pool behaves as one advertiser.
 */
public final class KuaiRandProtocol {
    public static final List<String> PAPER_ACTIONS = List.of("is_like", "is_follow", "is_comment", "is_forward");
    /** Beside the advertiser protocol's log: each advertiser's true reporting rate per action. */
    public static final String REPORTING_FILE = "reporting.csv";
    public static final List<String> ADVERTISER_ACTIONS = List.of("long_view", "is_like", "is_follow", "is_comment", "is_forward");

    /** Log columns copied into every dataset, with their Parquet type; labels, target and advertiser are added. */
    static final List<ParquetLogWriter.Column> COPIED = List.of(
            new ParquetLogWriter.Column("user_id", ParquetLogWriter.Type.INT64),
            new ParquetLogWriter.Column("video_id", ParquetLogWriter.Type.INT64),
            new ParquetLogWriter.Column("author_id", ParquetLogWriter.Type.INT64),
            new ParquetLogWriter.Column("date", ParquetLogWriter.Type.INT64),
            new ParquetLogWriter.Column("hourmin", ParquetLogWriter.Type.INT64),
            new ParquetLogWriter.Column("tab", ParquetLogWriter.Type.INT64),
            new ParquetLogWriter.Column("video_duration", ParquetLogWriter.Type.DOUBLE),
            new ParquetLogWriter.Column("freshness_days", ParquetLogWriter.Type.DOUBLE));

    /** The datasets {@link #prepare} writes, each into a directory of this name. */
    public enum Variant {
        ORACLE, VANILLA, KAML, ADVERTISER;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        List<String> actions() {
            return this == ADVERTISER ? ADVERTISER_ACTIONS : PAPER_ACTIONS;
        }
    }

    /**
     * @param minAuthorRows authors with fewer rows are pooled
     * @param pools         pseudo-advertisers the small authors are pooled into
     * @param reportShare   advertiser protocol: probability that an advertiser reports a non-target action at all
     * @param fullShare     of those that report it, the probability that it reports it completely
     * @param partialLow    a partial reporter's per-conversion reporting rate is uniform in [partialLow, partialHigh]
     */
    public record Config(long seed, int minAuthorRows, int pools, double reportShare, double fullShare,
                         double partialLow, double partialHigh) {
        public static Config defaults(long seed) {
            return new Config(seed, 100, 20, 0.5, 0.5, 0.2, 0.8);
        }
    }

    private KuaiRandProtocol() {
    }

    /** The source log files (the directory's Parquet files, in name order). */
    public static List<Path> logFiles(Path source) {
        return new FileSet("source", List.of("log_*.parquet"), source, source).resolve();
    }

    /**
     * Writes {@code out/<variant>/log.parquet} for every variant.
     *
     * @return one summary line per variant
     */
    public static List<String> prepare(Path source, Path out, Config config) throws IOException {
        List<Path> files = logFiles(source);
        Map<String, String> advertiserOf = advertisers(files, config);
        List<String> summary = new ArrayList<>();
        for (Variant variant : Variant.values()) {
            Path dir = Files.createDirectories(out.resolve(variant.key()));
            summary.add(variant.key() + ": " + write(files, advertiserOf, variant, config, dir.resolve("log.parquet")));
        }
        return summary;
    }

    /** Each author's advertiser: itself, or its pool when it has fewer than {@code minAuthorRows} rows. */
    private static Map<String, String> advertisers(List<Path> files, Config config) {
        Map<String, Integer> rows = new HashMap<>();
        for (Path file : files) {
            try (RowSource source = RowSource.open(file, ',', List.of("author_id"))) {
                int at = source.require("author_id", "a KuaiRand log column");
                while (source.next()) {
                    rows.merge(source.cell(at), 1, Integer::sum);
                }
            }
        }
        Map<String, String> out = new HashMap<>();
        rows.forEach((author, n) -> out.put(author, n >= config.minAuthorRows() ? "author-" + author
                : "pool-" + Math.floorMod(hash(author, config.seed()), config.pools())));
        return out;
    }

    private static String write(List<Path> files, Map<String, String> advertiserOf, Variant variant, Config config, Path target)
            throws IOException {
        List<String> actions = variant.actions();
        List<ParquetLogWriter.Column> columns = new ArrayList<>(COPIED);
        columns.add(new ParquetLogWriter.Column("advertiser", ParquetLogWriter.Type.STRING));
        columns.add(new ParquetLogWriter.Column("target", ParquetLogWriter.Type.STRING));
        actions.forEach(a -> columns.add(new ParquetLogWriter.Column(a, ParquetLogWriter.Type.INT32)));
        List<String> wanted = new ArrayList<>(columns.stream().map(ParquetLogWriter.Column::name).toList());
        wanted.add("author_id");
        int keep = switch (variant) {
            case ORACLE -> actions.size() - 1;
            case VANILLA -> 0;
            case KAML -> 2;
            case ADVERTISER -> -1;
        };
        KeptLabels kept = new KeptLabels(LabelHiding.Mode.SAMPLE, Math.max(0, keep), actions.size(), config.seed());
        kept.startSplit(Split.TRAIN);
        // One stream for every variant of the paper's protocol: a sample has the same target in oracle,
        // vanilla and kaml, so their test splits are the same samples and their results compare directly.
        SplittableRandom targets = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L);
        Map<String, AdvertiserReporting> reporting = new HashMap<>();
        long rows = 0;
        long[] positives = new long[actions.size()];
        long[] reported = new long[actions.size()];
        Object[] values = new Object[columns.size()];
        // Not try-with-resources: closing publishes the file, which a failed pass must not do.
        ParquetLogWriter writer = ParquetLogWriter.create(target, columns);
        try {
            for (Path file : files) {
                try (RowSource source = RowSource.open(file, ',', wanted)) {
                    int[] copied = COPIED.stream().mapToInt(c -> source.require(c.name(), "a KuaiRand log column")).toArray();
                    int[] labelAt = actions.stream().mapToInt(a -> source.require(a, "a KuaiRand feedback column")).toArray();
                    int authorAt = source.require("author_id", "a KuaiRand log column");
                    while (source.next()) {
                        for (int c = 0; c < copied.length; c++) {
                            values[c] = typed(source, COPIED.get(c), source.cell(copied[c]));
                        }
                        String advertiser = advertiserOf.get(source.cell(authorAt));
                        int t;
                        boolean[] keepOf;
                        AdvertiserReporting r = null;
                        if (variant == Variant.ADVERTISER) {
                            r = reporting.computeIfAbsent(advertiser, a -> AdvertiserReporting.draw(a, actions.size(), config));
                            t = r.target();
                            keepOf = null;
                        } else {
                            t = targets.nextInt(actions.size());
                            keepOf = kept.of(t, advertiser);
                        }
                        values[copied.length] = advertiser;
                        values[copied.length + 1] = actions.get(t);
                        for (int j = 0; j < actions.size(); j++) {
                            int y = label(source, actions.get(j), source.cell(labelAt[j]));
                            positives[j] += y;
                            Integer written = r != null ? Integer.valueOf(r.report(j, y, targets))
                                    : keepOf[j] ? Integer.valueOf(y) : null;
                            reported[j] += written == null ? 0 : written;
                            values[copied.length + 2 + j] = written;
                        }
                        writer.write(values);
                        rows++;
                    }
                }
            }
        } catch (RuntimeException | IOException e) {
            writer.abort();
            throw e;
        }
        writer.close();
        if (variant == Variant.ADVERTISER) {
            writeReporting(target.resolveSibling(REPORTING_FILE), reporting, actions);
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%,d rows; positives true/written:", rows));
        for (int j = 0; j < actions.size(); j++) {
            line.append(String.format(Locale.ROOT, " %s %,d/%,d", actions.get(j), positives[j], reported[j]));
        }
        return line.toString();
    }

    /**
     * The advertiser protocol's {@code reporting.csv}, in the simulator's form: per advertiser and action, the share of
     * its conversions it reports (1 for its target), so that a mask that estimates completeness can be scored on real data.
     */
    private static void writeReporting(Path file, Map<String, AdvertiserReporting> reporting, List<String> actions) throws IOException {
        StringBuilder out = new StringBuilder("advertiser_id,action,target,completeness\n");
        new TreeMap<>(reporting).forEach((advertiser, r) -> {
            for (int j = 0; j < actions.size(); j++) {
                out.append(advertiser).append(',').append(actions.get(j)).append(',').append(r.target() == j ? 1 : 0).append(',')
                        .append(String.format(Locale.ROOT, "%.4f", r.rate()[j])).append('\n');
            }
        });
        AtomicFile.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Object typed(RowSource source, ParquetLogWriter.Column column, String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        try {
            return column.type() == ParquetLogWriter.Type.INT64 ? (Object) Long.parseLong(cell) : (Object) Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw source.error(column.name(), "expected a number, got '" + cell + "'");
        }
    }

    private static int label(RowSource source, String column, String cell) {
        return switch (cell) {
            case "1" -> 1;
            case "0" -> 0;
            default -> throw source.error(column, "a KuaiRand feedback must be 1 or 0, got '" + cell + "'");
        };
    }

    static int hash(String text, long seed) {
        return FeatureHasher.murmur3(text.getBytes(StandardCharsets.UTF_8), (int) seed);
    }
}
