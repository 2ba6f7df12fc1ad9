package io.kaml.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.loss.MaskAudit;
import java.io.UncheckedIOException;

/**
 * {@code report.json}, for scripts:
 *
 * <pre>{@code
 * {"command", "data", "truth",
 *  "config": {"presets", "backbones", "seeds", "model", "loss", "train", "optimizer", "schedule"},
 *  "runs": [{"preset", "backbone", "seed", "best_epoch", "seconds", "metrics": <metrics.json>,
 *            "calibration": [{"mean_predicted", "observed_rate", "n"}, ...]}, ...],
 *  "aggregates": [{"backbone", "preset", "seeds",
 *                  "actions": {"<action>": {"auc": {"mean", "std", "n"}, "logloss": {...}, "truth_auc": {...}}},
 *                  "all": {"auc": {...}, "logloss": {...}}, "gauc": {...}}, ...],
 *  "comparisons": {"base": "base", "rows": [{"backbone", "preset",
 *                  "actions": {"<action>": {"relaimpr", "mean_difference", "t", "p", "pairs"}}, "all": {...}}]}
 *                 or {"base": "base", "note": "..."} when base was not run,
 *  "rarest_action": {"action", "positives", "samples"} (among actions with test positives; null if none has),
 *  "actions_without_test_positives": [...],
 *  "label_picture": {"mask", "actions": [{"action", "target_samples", "target_positives", "added", "added_positives"}]}}
 * }</pre>
 *
 * NaN is written as null; {@code truth_auc} only with ground truth.
 */
final class ExperimentJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExperimentJson() {
    }

    static String write(ExperimentResult result, ExperimentSummary summary, String command) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("command", command).put("data", result.data()).put("truth", result.truth());
        root.set("config", result.config());
        ArrayNode runs = root.putArray("runs");
        for (ExperimentResult.Run r : result.runs()) {
            ObjectNode run = runs.addObject().put("preset", r.preset()).put("backbone", r.backbone()).put("seed", r.seed())
                    .put("best_epoch", r.bestEpoch()).put("seconds", r.seconds());
            try {
                run.set("metrics", MAPPER.readTree(r.test().toJson()));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("metrics JSON did not parse back", e);
            }
            ArrayNode bins = run.putArray("calibration");
            r.calibration().bins().forEach(b -> bins.addObject().put("mean_predicted", b.meanPredicted())
                    .put("observed_rate", b.observedRate()).put("n", b.count()));
        }
        ArrayNode aggregates = root.putArray("aggregates");
        for (ExperimentSummary.Group g : summary.groups()) {
            ObjectNode node = aggregates.addObject().put("backbone", g.backbone()).put("preset", g.preset())
                    .put("seeds", result.seeds().size());
            ObjectNode actions = node.putObject("actions");
            g.actions().forEach((action, a) -> {
                ObjectNode m = actions.putObject(action);
                spread(m, "auc", a.auc());
                spread(m, "logloss", a.logloss());
                if (a.truthAuc() != null) {
                    spread(m, "truth_auc", a.truthAuc());
                }
            });
            ObjectNode all = node.putObject("all");
            spread(all, "auc", g.allAuc());
            spread(all, "logloss", g.allLogloss());
            spread(node, "gauc", g.gauc());
        }
        ObjectNode comparisons = root.putObject("comparisons").put("base", ExperimentSummary.BASE);
        if (summary.hasBase()) {
            ArrayNode rows = comparisons.putArray("rows");
            for (ExperimentSummary.Comparison c : summary.comparisons()) {
                ObjectNode row = rows.addObject().put("backbone", c.backbone()).put("preset", c.preset());
                ObjectNode actions = row.putObject("actions");
                c.actions().forEach((action, d) -> difference(actions.putObject(action), d));
                difference(row.putObject("all"), c.all());
            }
        } else {
            comparisons.put("note", "RelaImpr and significance omitted: the presets do not include base");
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

    private static void spread(ObjectNode parent, String key, Spread s) {
        ObjectNode node = parent.putObject(key);
        number(node, "mean", s.mean());
        number(node, "std", s.std());
        node.put("n", s.n());
    }

    private static void difference(ObjectNode node, ExperimentSummary.Difference d) {
        number(node, "relaimpr", d.relaImpr());
        number(node, "mean_difference", d.test().meanDifference());
        number(node, "t", d.test().t());
        number(node, "p", d.test().p());
        node.put("pairs", d.test().pairs());
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }
}
