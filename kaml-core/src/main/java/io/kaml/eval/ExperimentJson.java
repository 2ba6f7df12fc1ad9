package io.kaml.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.loss.MaskAudit;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.json}, for scripts:
 *
 * <pre>{@code
 * {"header": {"kaml_version", "git_commit", "git_uncommitted_changes", "written",
 *             "machine": {"os", "arch", "processors", "cpu", "java", "max_heap_bytes"}},
 *  "command", "data", "truth",
 *  "config": {"presets", "backbones", "seeds", "model", "loss", "train", "optimizer", "schedule"},
 *  "runs": [{"preset", "backbone", "seed", "best_epoch", "seconds", "metrics": <metrics.json>,
 *            "training_curve": [{"epoch", "training_loss", "validation_auc"}, ...],
 *            "calibration": {"<action>": {"ece", "bins": [<bin>, ...]}, "all": {...}}}, ...],
 *  "test_split": {"min_class": 30, "actions": {"<action>": {"samples", "positives", "decidable"}}, "all": {...},
 *                 "truth": {"<action>": {"samples", "positives", "decidable"}}},
 *  "aggregates": [{"backbone", "preset", "seeds",
 *                  "actions": {"<action>": {"auc": {"mean", "std", "n", "interval": <estimate>}, "logloss": {"mean", "std", "n"},
 *                                           "ece": {...}, "calibration": [<bin>, ...],
 *                                           "truth_auc": {"mean", "std", "n", "interval": <estimate>}}},
 *                  "all": {"auc": {...}, "logloss": {...}, "ece": {...}}, "gauc": {...},
 *                  "training_curve": [{"epoch", "training_loss": {"mean", "std", "n"}, "validation_auc": {...}}, ...]}, ...],
 *  "comparisons": {"base": the reference preset ("base" unless --reference), "rows": [{"backbone", "preset",
 *                  "actions": {"<action>": {"relaimpr", "verdict", "p", <estimate>}}, "all": {...}}]}
 *                 or {"base": ..., "note": "..."} when the reference was not run,
 *  "truth_comparisons": the same on the true labels, without "all"; null without ground truth,
 *  "rarest_action": {"action", "positives", "samples"} (among actions with test positives; null if none has),
 *  "actions_without_test_positives": [...],
 *  "label_picture": {"mask", "actions": [{"action", "target_samples", "target_positives", "added", "added_positives"}]}}
 * }</pre>
 *
 * where {@code <bin>} is {@code {"mean_predicted", "observed_rate", "n"}} and {@code <estimate>} an
 * {@link AucEstimate}'s fields {@code "mean", "low", "high", "standard_error", "seed_variance",
 * "test_variance", "df", "seeds"} (for a comparison, of the AUC difference, beside its two-sided
 * {@code p}); {@code low} and {@code high} bound the 95% interval, cut to [0, 1] for a mean AUC;
 * {@code df} is null when infinite (the normal). {@code verdict} is one of significant, not_significant,
 * undecided, untested. Calibration is on the cells of the AUCs: per action the samples that target it
 * ({@link Calibrations}); an aggregate's bins are the mean over seeds of each seed's bin, {@code n} its
 * samples. NaN is written as null; {@code truth_auc} and {@code test_split.truth} (true positives)
 * only with ground truth. The runs' test scores are
 * not written. In the header, {@code written} is ISO-8601 UTC; {@code git_commit} and
 * {@code git_uncommitted_changes} are null when the commit is unknown, {@code cpu} when the machine does
 * not name its CPU.
 */
final class ExperimentJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExperimentJson() {
    }

    static String write(ExperimentResult result, ExperimentSummary summary, ReportHeader header, String command) {
        ObjectNode root = MAPPER.createObjectNode();
        header(root.putObject("header"), header);
        root.put("command", command).put("data", result.data()).put("truth", result.truth());
        root.set("config", result.config());
        Calibrations calibrations = new Calibrations(result.test());
        ArrayNode runs = root.putArray("runs");
        for (ExperimentResult.Run r : result.runs()) {
            ObjectNode run = runs.addObject().put("preset", r.preset()).put("backbone", r.backbone()).put("seed", r.seed())
                    .put("best_epoch", r.bestEpoch()).put("seconds", r.seconds());
            try {
                run.set("metrics", MAPPER.readTree(r.test().toJson()));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("metrics JSON did not parse back", e);
            }
            ArrayNode curve = run.putArray("training_curve");
            for (TrainingCurve.Epoch e : r.curve().epochs()) {
                ObjectNode point = curve.addObject().put("epoch", e.epoch());
                number(point, "training_loss", e.trainingLoss());
                number(point, "validation_auc", e.validationAuc());
            }
            ObjectNode calibration = run.putObject("calibration");
            for (int j = 0; j < result.actions().size(); j++) {
                calibration(calibration.putObject(result.actions().get(j)), calibrations, r, j);
            }
            calibration(calibration.putObject("all"), calibrations, r, Calibrations.ALL);
        }
        ObjectNode testSplit = root.putObject("test_split").put("min_class", TestCount.MIN_CLASS);
        ObjectNode testActions = testSplit.putObject("actions");
        summary.tests().forEach((action, count) -> count(testActions.putObject(action), count));
        count(testSplit.putObject("all"), summary.allTest());
        if (result.hasTruth()) {
            ObjectNode truth = testSplit.putObject("truth");
            summary.truthTests().forEach((action, count) -> count(truth.putObject(action), count));
        }
        ArrayNode aggregates = root.putArray("aggregates");
        for (ExperimentSummary.Group g : summary.groups()) {
            ObjectNode node = aggregates.addObject().put("backbone", g.backbone()).put("preset", g.preset())
                    .put("seeds", result.seeds().size());
            ObjectNode actions = node.putObject("actions");
            g.actions().forEach((action, a) -> {
                ObjectNode m = actions.putObject(action);
                interval(spread(m, "auc", a.auc()), a.interval());
                spread(m, "logloss", a.logloss());
                spread(m, "ece", a.ece());
                bins(m.putArray("calibration"), a.calibration());
                if (a.truthAuc() != null) {
                    interval(spread(m, "truth_auc", a.truthAuc()), a.truthInterval());
                }
            });
            ObjectNode all = node.putObject("all");
            interval(spread(all, "auc", g.allAuc()), g.allInterval());
            spread(all, "logloss", g.allLogloss());
            spread(all, "ece", g.allEce());
            spread(node, "gauc", g.gauc());
            ArrayNode curve = node.putArray("training_curve");
            for (TrainingCurve.EpochSpread e : g.curve()) {
                ObjectNode point = curve.addObject().put("epoch", e.epoch());
                spread(point, "training_loss", e.trainingLoss());
                spread(point, "validation_auc", e.validationAuc());
            }
        }
        comparisons(root.putObject("comparisons"), summary, summary.comparisons());
        if (result.hasTruth()) {
            comparisons(root.putObject("truth_comparisons"), summary, summary.truthComparisons());
        } else {
            root.putNull("truth_comparisons");
        }
        ExperimentSummary.Rarest rarest = summary.rarest();
        if (rarest == null) {
            root.putNull("rarest_action");
        } else {
            root.putObject("rarest_action").put("action", rarest.action()).put("positives", rarest.positives())
                    .put("samples", rarest.samples());
        }
        summary.unmeasured().forEach(root.putArray("actions_without_test_positives")::add);
        ObjectNode labels = root.putObject("label_picture").put("mask", result.audit().mask());
        ArrayNode perAction = labels.putArray("actions");
        for (MaskAudit.ActionRow r : result.audit().perAction()) {
            perAction.addObject().put("action", r.action()).put("target_samples", r.targetSamples())
                    .put("target_positives", r.targetPositives()).put("added", r.added()).put("added_positives", r.addedPositives());
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serialises; this would be a Jackson bug.
            throw new UncheckedIOException(e);
        }
    }

    private static void comparisons(ObjectNode node, ExperimentSummary summary, List<ExperimentSummary.Comparison> comparisons) {
        node.put("base", summary.reference());
        if (!summary.hasBase()) {
            node.put("note", "RelaImpr and significance omitted: the presets do not include " + summary.reference());
            return;
        }
        ArrayNode rows = node.putArray("rows");
        for (ExperimentSummary.Comparison c : comparisons) {
            ObjectNode row = rows.addObject().put("backbone", c.backbone()).put("preset", c.preset());
            ObjectNode actions = row.putObject("actions");
            c.actions().forEach((action, d) -> difference(actions.putObject(action), d));
            if (c.all() != null) {
                difference(row.putObject("all"), c.all());
            }
        }
    }

    private static void header(ObjectNode node, ReportHeader header) {
        node.put("kaml_version", header.kamlVersion());
        if (header.commit() == null) {
            node.putNull("git_commit").putNull("git_uncommitted_changes");
        } else {
            node.put("git_commit", header.commit().hash()).put("git_uncommitted_changes", header.commit().uncommittedChanges());
        }
        node.put("written", header.written().toString());
        Machine m = header.machine();
        node.putObject("machine").put("os", m.os()).put("arch", m.arch()).put("processors", m.processors()).put("cpu", m.cpu())
                .put("java", m.java()).put("max_heap_bytes", m.maxHeapBytes());
    }

    private static void calibration(ObjectNode node, Calibrations calibrations, ExperimentResult.Run run, int action) {
        number(node, "ece", calibrations.ece(run, action));
        bins(node.putArray("bins"), calibrations.curve(run, action));
    }

    private static void bins(ArrayNode array, ReliabilityCurve curve) {
        curve.bins().forEach(b -> array.addObject().put("mean_predicted", b.meanPredicted()).put("observed_rate", b.observedRate())
                .put("n", b.count()));
    }

    private static ObjectNode spread(ObjectNode parent, String key, Spread s) {
        ObjectNode node = parent.putObject(key);
        number(node, "mean", s.mean());
        number(node, "std", s.std());
        node.put("n", s.n());
        return node;
    }

    private static void count(ObjectNode node, TestCount count) {
        node.put("samples", count.samples()).put("positives", count.positives()).put("decidable", count.decidable());
    }

    private static void difference(ObjectNode node, ExperimentSummary.Difference d) {
        number(node, "relaimpr", d.relaImpr());
        node.put("verdict", d.verdict().name().toLowerCase(Locale.ROOT));
        number(node, "p", d.test().p());
        estimate(node, d.test());
    }

    /** A mean AUC's estimate, its interval cut to [0, 1]. */
    private static void interval(ObjectNode auc, AucEstimate e) {
        ObjectNode node = auc.putObject("interval");
        estimate(node, e, e.aucLow(), e.aucHigh());
    }

    private static void estimate(ObjectNode node, AucEstimate e) {
        estimate(node, e, e.low(), e.high());
    }

    private static void estimate(ObjectNode node, AucEstimate e, double low, double high) {
        number(node, "mean", e.mean());
        number(node, "low", low);
        number(node, "high", high);
        number(node, "standard_error", e.standardError());
        number(node, "seed_variance", e.seedVariance());
        number(node, "test_variance", e.testVariance());
        number(node, "df", e.degreesOfFreedom());
        node.put("seeds", e.seeds());
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }
}
