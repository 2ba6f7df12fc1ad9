package io.kaml.eval;

import static io.kaml.eval.ReportCells.count;
import static io.kaml.eval.ReportCells.interval;
import static io.kaml.eval.ReportCells.metric;
import static io.kaml.eval.ReportCells.spread;

import io.kaml.loss.MaskAudit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What an experiment report says, in order, independent of its format: {@code report.md} and
 * {@code report.html} render the same sections, so their tables cannot disagree.
 */
final class ExperimentDocument {
    static final String SIMULATOR_CAVEAT = "Results on the simulator are claims about the simulator, not about real logs.";

    /** A chart the HTML report draws at the end of a section. */
    record Chart(Kind kind, String backbone) {
        enum Kind { AUC, CALIBRATION, CURVES, LABELS }
    }

    record Table(List<String> header, List<List<String>> rows) {
    }

    /**
     * @param code     a command line to show verbatim, or null; table and chart may be null too
     * @param readings paragraphs after the table that read its result out
     */
    record Section(String heading, List<String> paragraphs, String code, Table table, Chart chart, List<String> readings) {
        Section(String heading, List<String> paragraphs, String code, Table table, Chart chart) {
            this(heading, paragraphs, code, table, chart, List.of());
        }
    }

    private ExperimentDocument() {
    }

    static List<Section> sections(ExperimentResult result, ExperimentSummary summary, ReportHeader header, String command) {
        List<Section> out = new ArrayList<>();
        out.add(header(header));
        List<String> intro = new ArrayList<>();
        intro.add("Data: " + result.data() + (result.hasTruth() ? " (ground truth: " + result.truth() + ")" : ""));
        intro.add(String.format(Locale.ROOT, "Presets: %s. Backbones: %s. Seeds: %s. %d runs; every number below is on the test split, "
                        + "mean ± sample standard deviation over the seeds; in brackets, a 95%% interval of the mean AUC that counts "
                        + "the test set's sampling error as well as the seeds' spread.", String.join(", ", result.presets()),
                String.join(", ", result.backbones()), join(result.seeds()), result.runs().size()));
        if (result.hasTruth()) {
            intro.add(SIMULATOR_CAVEAT);
        }
        out.add(new Section("Plan", intro, command, null, null));
        out.add(testSplit(summary));
        for (String backbone : result.backbones()) {
            out.add(new Section("Test AUC: " + backbone, List.of("Per action on the samples that target it; all: every sample's "
                    + "target prediction; GAUC: per advertiser, weighted by samples (no interval: its sampling error is not "
                    + "estimated). Interval: mean ± t × sqrt(s² / S + mean DeLong variance) over the S seeds."), null,
                    metricTable(result, summary, backbone, true), new Chart(Chart.Kind.AUC, backbone)));
            out.add(new Section("Test LogLoss: " + backbone, List.of(), null, metricTable(result, summary, backbone, false), null));
            out.addAll(CalibrationSections.of(result, summary, backbone));
        }
        out.addAll(ComparisonSections.overBase(result, summary));
        out.addAll(TruthSections.of(result, summary));
        out.add(new Section("Rarest action", ComparisonSections.rarest(summary), null, null, null));
        out.add(labels(result.audit()));
        result.backbones().forEach(backbone -> out.add(TrainingCurveSection.of(result, summary, backbone)));
        out.add(new Section("Runs", List.of(), null, runs(result), null));
        return out;
    }

    /** Who wrote the report, when and where; first, so no reader misses it. */
    private static Section header(ReportHeader header) {
        GitCommit commit = header.commit();
        String code = commit == null ? "git commit unknown (not run from a git checkout, or git missing)"
                : "git commit " + commit.hash() + (commit.uncommittedChanges() ? " with uncommitted changes" : "");
        Machine m = header.machine();
        String heap = m.maxHeapBytes() == Long.MAX_VALUE ? "no limit"
                : String.format(Locale.ROOT, "%.1f GiB", m.maxHeapBytes() / (double) (1L << 30));
        return new Section("kaml experiment", List.of("kaml " + header.kamlVersion() + ", " + code + "; written " + header.written() + ".",
                String.format(Locale.ROOT, "Machine: %s, %s, %d processors%s; Java %s; max heap %s.", m.os(), m.arch(), m.processors(),
                        m.cpu() == null ? "" : " (" + m.cpu() + ")", m.java(), heap)), null, null, null);
    }

    private static Table metricTable(ExperimentResult result, ExperimentSummary summary, String backbone, boolean auc) {
        List<String> header = Stream.concat(Stream.concat(Stream.of("preset"), result.actions().stream()),
                auc ? Stream.of("all", "GAUC") : Stream.of("all")).toList();
        List<List<String>> rows = new ArrayList<>();
        for (String preset : result.presets()) {
            ExperimentSummary.Group g = summary.group(backbone, preset);
            List<String> row = new ArrayList<>(List.of(preset));
            g.actions().values().forEach(a -> row.add(auc ? spread(a.auc()) + interval(a.interval()) : spread(a.logloss())));
            row.add(auc ? spread(g.allAuc()) + interval(g.allInterval()) : spread(g.allLogloss()));
            if (auc) {
                row.add(spread(g.gauc()));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    private static Section testSplit(ExperimentSummary summary) {
        List<List<String>> rows = new ArrayList<>();
        summary.tests().forEach((action, count) -> rows.add(countRow(action, count)));
        rows.add(countRow("all", summary.allTest()));
        return new Section("Test split", List.of(String.format(Locale.ROOT, "The samples each AUC is measured on. A comparison is "
                + "undecided when they hold fewer than %d positives or %d negatives, whatever its p: too few to estimate the test "
                + "set's sampling error.", TestCount.MIN_CLASS, TestCount.MIN_CLASS)), null,
                new Table(List.of("action", "test samples", "positives", "negatives", "comparisons"), rows), null);
    }

    private static List<String> countRow(String name, TestCount count) {
        return List.of(name, count(count.samples()), count(count.positives()), count(count.negatives()),
                count.decidable() ? "decided by p" : count.undecided());
    }

    private static Section labels(MaskAudit audit) {
        List<List<String>> rows = new ArrayList<>();
        for (MaskAudit.ActionRow r : audit.perAction()) {
            rows.add(List.of(r.action(), count(r.targetSamples()), count(r.targetPositives()), count(r.added()),
                    count(r.addedPositives()), Double.isNaN(r.gain()) ? "n/a" : String.format(Locale.ROOT, "%.1fx", r.gain())));
        }
        return new Section("Label picture", List.of("Training samples per action: those that target it (the base mask) and those "
                        + "ADM adds, " + audit.mask() + "."), null,
                new Table(List.of("action", "target only", "target positives", "added by ADM", "added positives", "gain"), rows),
                new Chart(Chart.Kind.LABELS, null));
    }

    private static Table runs(ExperimentResult result) {
        List<List<String>> rows = new ArrayList<>();
        for (ExperimentResult.Run r : result.runs()) {
            rows.add(List.of(r.preset(), r.backbone(), Long.toString(r.seed()), metric(r.test().all().auc()),
                    metric(r.test().gauc()), Integer.toString(r.bestEpoch()), String.format(Locale.ROOT, "%.0f", r.seconds())));
        }
        return new Table(List.of("preset", "backbone", "seed", "all AUC", "GAUC", "best epoch", "seconds"), rows);
    }

    private static String join(List<Long> seeds) {
        return String.join(", ", seeds.stream().map(String::valueOf).toList());
    }
}
