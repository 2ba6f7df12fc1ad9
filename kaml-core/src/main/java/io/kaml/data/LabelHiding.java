package io.kaml.data;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Turns a fully labelled dataset into an asymmetric one, as the paper's public check did: every sample
 * keeps its target label and {@code keep} of the others ({@link KeptLabels} says which); every other
 * label becomes 0, as an unreported conversion does in real logs. Each split file is streamed row by
 * row through the data contract's row checks; only the hidden label cells change, every other cell
 * and the header are written as read, in the input's separator and compression. The new
 * {@code dataset.yaml} is the original's text with {@code truth} pointing back at the original truth
 * file. Same input, keep, mode and seed give identical files.
 */
public final class LabelHiding {
    private static final Pattern KEEP = Pattern.compile("target(?:\\+(\\d{1,9}))?");
    private static final Pattern TRUTH_LINE = Pattern.compile("(?m)^truth:.*$");
    /** The first line of every spec this writes: how a later run knows the directory for a previous output of its own. */
    static final String MARKER = "# written by kaml hide-labels: the labels a sample does not keep are 0 here";

    /** Whom a kept set belongs to. */
    public enum Mode {
        SAMPLE, ADVERTISER;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode parse(String key) {
            for (Mode m : values()) {
                if (m.key().equals(key)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown mode '" + key + "' (expected sample or advertiser)");
        }
    }

    private LabelHiding() {
    }

    /** Reads {@code target} or {@code target+K}: the number K of non-target labels kept. */
    public static int parseKeep(String text) {
        Matcher m = KEEP.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected 'target' or 'target+K' (K non-target labels kept), got '" + text + "'");
        }
        return m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    }

    /**
     * Writes the asymmetric twin of {@code spec}'s dataset into {@code out}: its split files at the
     * same paths relative to {@code out} as the originals to their spec, and the spec itself.
     *
     * @param keep  non-target labels kept per sample, 0 to the number of actions less one
     * @param force write into {@code out} even when it holds files other than a previous output of this method (its
     *              spec begins with {@link #MARKER}, and it holds only the names this run writes; see
     *              {@link OutputDirectoryRule})
     * @throws java.nio.file.FileAlreadyExistsException when {@code out} holds other files and {@code force} is off
     */
    public static LabelHidingReport hide(DatasetSpec spec, int keep, Mode mode, long seed, Path out, boolean force) throws IOException {
        int actions = spec.actionCount();
        if (keep < 0 || keep > actions - 1) {
            throw new IllegalArgumentException("keep target+" + keep + ": the dataset has " + actions + " actions, so a sample has "
                    + (actions - 1) + (actions == 2 ? " label" : " labels") + " besides its target's; at most target+" + (actions - 1));
        }
        Path specDir = spec.source().toAbsolutePath().normalize().getParent();
        Path outDir = out.toAbsolutePath().normalize();
        if (outDir.equals(specDir) || Files.isDirectory(outDir) && Files.isSameFile(outDir, specDir)) {
            throw new IllegalArgumentException("the output directory is the dataset's own (" + specDir + "): choose another, "
                    + "the original files must stay as they are");
        }
        // Before any file is written, so a spec that cannot be carried over fails early.
        String specText = specText(spec, outDir);
        Map<Split, Path> inputs = new EnumMap<>(Split.class);
        Map<Split, Path> targets = new EnumMap<>(Split.class);
        Path yaml = outDir.resolve(spec.source().getFileName());
        Set<String> ours = new HashSet<>(List.of(yaml.getFileName().toString()));
        for (Split split : Split.values()) {
            Path in = csvFileOf(spec, split);
            Path target = outDir.resolve(specDir.relativize(in)).normalize();
            if (!target.startsWith(outDir)) {
                throw new DataException(spec.source(), 0, null, "key 'files." + split.key() + "': " + in + " is outside the spec's "
                        + "directory, so it has no place in the output directory; declare it relative to the spec");
            }
            inputs.put(split, in);
            targets.put(split, target);
            ours.add(outDir.relativize(target).getName(0).toString());
        }
        OutputDirectoryRule.prepare(outDir, force, "hide-labels output", names -> ours.containsAll(names) && isOurs(yaml));
        LabelHidingReport.Builder report = new LabelHidingReport.Builder(spec.actions(), keep, mode, seed);
        KeptLabels kept = new KeptLabels(mode, keep, actions, seed);
        for (Split split : Split.values()) {
            Path in = inputs.get(split);
            kept.startSplit(split);
            boolean gzip = LogFileInput.isGzip(in);
            AtomicFile.write(targets.get(split), stream -> copy(spec, in, gzip ? new GZIPOutputStream(stream, 1 << 16) : stream, kept, report));
        }
        AtomicFile.write(yaml, specText.getBytes(StandardCharsets.UTF_8));
        checkWritten(spec, DatasetSpecParser.parse(yaml), specDir, outDir);
        return report.build(yaml);
    }

    private static void copy(DatasetSpec spec, Path in, OutputStream out, KeptLabels chooser, LabelHidingReport.Builder report)
            throws IOException {
        // Not closed: closing would close the atomic file's stream, which AtomicFile still has to force to disk.
        CsvWriter csv = CsvWriter.builder().fieldSeparator(spec.separatorFor(in)).commentCharacter(CsvRowSource.NO_COMMENTS)
                .lineDelimiter(LineDelimiter.LF)
                .build(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        byte[] labels = new byte[spec.actionCount()];
        try (CsvRowSource rows = CsvRowSource.open(in, spec.separatorFor(in))) {
            RowLayout layout = RowLayout.of(rows, spec);
            csv.writeRecord(rows.columns());
            while (rows.next()) {
                rows.checkRow();
                int target = layout.targetOf();
                layout.labelsOf(target, labels);
                boolean[] keep = chooser.of(target, layout.advertiserOf());
                List<String> fields = new ArrayList<>(rows.fields());
                for (int j = 0; j < labels.length; j++) {
                    if (!keep[j]) {
                        fields.set(layout.labels()[j], "0");
                    }
                }
                report.add(target, labels, keep);
                csv.writeRecord(fields);
            }
        }
        csv.flush();
        if (out instanceof GZIPOutputStream gzip) {
            gzip.finish();
        }
    }

    /**
     * The one CSV file of {@code split}: label hiding copies files cell by cell, so it takes the
     * per-split form with one CSV/TSV file each.
     */
    private static Path csvFileOf(DatasetSpec spec, Split split) {
        if (spec.log() != null) {
            throw new DataException(spec.source(), 0, null, "hide-labels needs one file per split (files: {train, valid, test}), "
                    + "not a log split by day");
        }
        List<Path> files = spec.filesOf(split).resolve();
        if (files.size() != 1 || ParquetRowSource.isParquet(files.getFirst())) {
            throw new DataException(spec.source(), 0, null, "key 'files." + split.key() + "': hide-labels copies one CSV/TSV file per split, got "
                    + (files.size() == 1 ? "a Parquet file" : files.size() + " files"));
        }
        return files.getFirst().toAbsolutePath().normalize();
    }

    /** The new spec must name the new split files and the original truth file. */
    private static void checkWritten(DatasetSpec original, DatasetSpec written, Path specDir, Path outDir) throws IOException {
        for (Split split : Split.values()) {
            Path expected = outDir.resolve(specDir.relativize(original.filesOf(split).first().toAbsolutePath().normalize()));
            if (!written.filesOf(split).first().toAbsolutePath().normalize().equals(expected)) {
                Files.delete(written.source());
                throw new DataException(original.source(), 0, null, "key 'files." + split.key() + "' did not carry over to the new spec");
            }
        }
        Path truth = written.truth() == null ? null : written.truth().toAbsolutePath().normalize();
        if (original.truth() != null && !original.truth().toAbsolutePath().normalize().equals(truth)) {
            Files.delete(written.source());
            throw new DataException(original.source(), 0, null, "key 'truth' could not be pointed at the original truth file");
        }
    }

    /** Whether {@code yaml} is a spec this class wrote: it begins with {@link #MARKER}. */
    private static boolean isOurs(Path yaml) {
        try (BufferedReader reader = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            return first != null && first.equals(MARKER);
        } catch (IOException e) {
            return false; // missing or unreadable: not known as ours, so the directory is refused unless forced
        }
    }

    /**
     * The original spec's text; its file names still hold, relative to the new directory. Only
     * {@code truth} changes, to the original truth file's path relative to the new directory, and
     * {@link #checkWritten} parses the result back to check that every path lands where it must.
     */
    private static String specText(DatasetSpec spec, Path outDir) throws IOException {
        String text = Files.readString(spec.source());
        if (text.startsWith(MARKER + "\n")) {
            text = text.substring(MARKER.length() + 1); // hiding labels of a hidden-label dataset again: one marker
        }
        text = MARKER + "\n" + text;
        if (spec.truth() != null) {
            String truth = outDir.relativize(spec.truth().toAbsolutePath().normalize()).toString();
            Matcher line = TRUTH_LINE.matcher(text);
            if (!line.find()) {
                throw new DataException(spec.source(), 0, "truth", "cannot find a top-level 'truth:' line to point at the original truth file");
            }
            text = line.replaceFirst(Matcher.quoteReplacement("truth: '" + truth.replace("'", "''") + "'"));
        }
        return text;
    }
}
