package io.kaml.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaml.eval.MetricsReport.ActionMetrics;
import io.kaml.eval.MetricsReport.AllMetrics;
import io.kaml.eval.MetricsReport.TruthActionMetrics;
import io.kaml.eval.MetricsReport.TruthMetrics;
import io.kaml.loss.MaskAudit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-made experiment, actions a, b and c (no test positives, so its AUC is undefined), backbone mmoe, seeds 1..3, with AUCs chosen so that every
 * aggregate has a value one can work out on paper (see {@link ExperimentSummaryTest}).
 */
final class ExperimentResults {
    static final List<String> ACTIONS = List.of("a", "b", "c");
    static final List<Long> SEEDS = List.of(1L, 2L, 3L);

    private ExperimentResults() {
    }

    /** base: AUC(a) 0.70, 0.72, 0.74; AUC(b) 0.60, undefined, 0.62. kaml: a 0.75, 0.76, 0.80; b 0.61, 0.65, 0.60. */
    static ExperimentResult withPresets(List<String> presets, boolean truth) {
        Map<String, double[][]> auc = Map.of(
                "base", new double[][] {{0.70, 0.72, 0.74}, {0.60, Double.NaN, 0.62}},
                "kaml", new double[][] {{0.75, 0.76, 0.80}, {0.61, 0.65, 0.60}},
                "adm", new double[][] {{0.71, 0.73, 0.75}, {0.61, 0.62, 0.63}});
        List<ExperimentResult.Run> runs = new ArrayList<>();
        for (int s = 0; s < SEEDS.size(); s++) {
            for (String preset : presets) {
                double[][] v = auc.get(preset);
                runs.add(new ExperimentResult.Run(preset, "mmoe", SEEDS.get(s), report(v[0][s], v[1][s], truth),
                        ReliabilityCurve.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new boolean[] {false, false, true, true}, 2), 1, 2.5));
            }
        }
        MaskAudit audit = new MaskAudit(ACTIONS, "adm(alpha=[10, 10], window=all)", List.of(
                new MaskAudit.ActionRow("a", 1000, 100, 500, 40, 3), new MaskAudit.ActionRow("b", 200, 10, 800, 30, 5),
                new MaskAudit.ActionRow("c", 50, 1, 0, 0, 0)), List.of());
        return new ExperimentResult("/data/dataset.yaml", truth ? "/data/truth.csv.gz" : null, ACTIONS, presets, List.of("mmoe"),
                SEEDS, new ObjectMapper().createObjectNode().put("note", "hand-made"), runs, audit);
    }

    /** The same runs with every AUC undefined, as on a test split with one class. */
    static ExperimentResult withoutAnyAuc(ExperimentResult result) {
        List<ExperimentResult.Run> runs = new ArrayList<>();
        for (ExperimentResult.Run r : result.runs()) {
            Map<String, ActionMetrics> actions = new LinkedHashMap<>();
            r.test().actions().forEach((name, m) -> actions.put(name, new ActionMetrics(Double.NaN, m.logloss(), m.n(), 0)));
            MetricsReport test = new MetricsReport(actions, new AllMetrics(Double.NaN, 0.1, 400), Double.NaN, r.test().truth());
            runs.add(new ExperimentResult.Run(r.preset(), r.backbone(), r.seed(), test, r.calibration(), r.bestEpoch(), r.seconds()));
        }
        return new ExperimentResult(result.data(), result.truth(), result.actions(), result.presets(), result.backbones(),
                result.seeds(), result.config(), runs, result.audit());
    }

    /** a has 30 test positives among 300 samples, b 5 among 100, c none among 20. */
    private static MetricsReport report(double aucA, double aucB, boolean truth) {
        Map<String, ActionMetrics> actions = new LinkedHashMap<>();
        actions.put("a", new ActionMetrics(aucA, 0.3, 300, 30));
        actions.put("b", new ActionMetrics(aucB, 0.2, 100, 5));
        actions.put("c", new ActionMetrics(Double.NaN, 0.01, 20, 0));
        TruthMetrics truthMetrics = null;
        if (truth) {
            Map<String, TruthActionMetrics> t = new LinkedHashMap<>();
            t.put("a", new TruthActionMetrics(aucA + 0.1, 400, 40, 0.01, 0.02));
            t.put("b", new TruthActionMetrics(0.9, 400, 8, 0.01, 0.02));
            t.put("c", new TruthActionMetrics(0.95, 400, 2, 0.01, 0.02));
            truthMetrics = new TruthMetrics(t);
        }
        return new MetricsReport(actions, new AllMetrics((aucA + 0.8) / 2, 0.25, 400), 0.66, truthMetrics);
    }
}
