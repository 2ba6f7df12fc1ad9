package io.kaml.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kaml.data.Batch;
import io.kaml.loss.MaskAudit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A hand-made experiment whose every number can be worked out on paper (see {@link ExperimentSummaryTest}):
 * actions a, b and c, backbone mmoe, seeds 1..3, and a test split of 221 samples:
 *
 * <ul>
 *   <li>rows 0–99 target a: rows 0–49 positive, 50–99 negative; row 220 targets a with an unknown label;
 *   <li>rows 100–199 target b: rows 100–104 positive (5, too few to decide), the rest negative;
 *   <li>rows 200–219 target c, all negative (its AUC is undefined).
 * </ul>
 *
 * <p>Every negative scores 0.5. A run "ranks h positives high": the first h positives of an action
 * score 0.9, above every negative, the rest 0.1, below every negative. So the AUC is h / positives, each
 * positive's DeLong component is 1 or 0 and each negative's is h / positives, and between two runs the
 * components differ exactly on the positives one ranks high and the other low.
 */
final class ExperimentResults {
    static final List<String> ACTIONS = List.of("a", "b", "c");
    static final List<Long> SEEDS = List.of(1L, 2L, 3L);
    private static final int N = 221;

    /** Per preset and seed: positives of a ranked high (of 50), then of b (of 5). */
    private static final Map<String, int[][]> HIGH = Map.of(
            "base", new int[][] {{35, 3}, {36, 3}, {37, 3}},
            "kaml", new int[][] {{42, 4}, {42, 4}, {45, 5}},
            "adm", new int[][] {{36, 3}, {37, 4}, {38, 3}});

    private ExperimentResults() {
    }

    /** base: AUC(a) 0.70, 0.72, 0.74, AUC(b) 0.6 each; kaml: a 0.84, 0.84, 0.90, b 0.8, 0.8, 1.0. */
    static ExperimentResult withPresets(List<String> presets, boolean truth) {
        return build(presets, truth, false);
    }

    /** The same plan on a test split with no positive at all, so every AUC is undefined. */
    static ExperimentResult withoutAnyPositive(List<String> presets) {
        return build(presets, true, true);
    }

    private static ExperimentResult build(List<String> presets, boolean truth, boolean noPositives) {
        int[] target = new int[N];
        byte[] labels = new byte[N * ACTIONS.size()];
        for (int i = 0; i < N; i++) {
            target[i] = i < 100 || i == 220 ? 0 : i < 200 ? 1 : 2;
            boolean positive = !noPositives && (i < 50 || (i >= 100 && i < 105));
            labels[i * ACTIONS.size() + target[i]] = i == 220 ? Batch.UNKNOWN : (byte) (positive ? 1 : 0);
        }
        TestTargets test = new TestTargets(ACTIONS.size(), target, targetLabels(target, labels));
        Truth groundTruth = truth ? truth(labels) : null;
        List<ExperimentResult.Run> runs = new ArrayList<>();
        for (int s = 0; s < SEEDS.size(); s++) {
            for (String preset : presets) {
                float[] scores = scores(target, HIGH.get(preset)[s][0], HIGH.get(preset)[s][1]);
                MetricsReport metrics = Evaluator.evaluate(new Predictions(ACTIONS, N, scores, labels, target, new int[N]), groundTruth);
                TrainingCurve curve = curve(preset, SEEDS.get(s));
                runs.add(new ExperimentResult.Run(preset, "mmoe", SEEDS.get(s), metrics, curve, curve.epochs().getLast().epoch(), 2.5,
                        test.targetScores(scores), truth ? scores : null));
            }
        }
        MaskAudit audit = new MaskAudit(ACTIONS, "adm(alpha=[10, 10], window=all)", List.of(
                new MaskAudit.ActionRow("a", 1000, 100, 500, 40, 3), new MaskAudit.ActionRow("b", 200, 10, 800, 30, 5),
                new MaskAudit.ActionRow("c", 50, 1, 0, 0, 0)), List.of());
        return new ExperimentResult("/data/dataset.yaml", truth ? "/data/truth.csv.gz" : null, ACTIONS, presets, List.of("mmoe"),
                SEEDS, new ObjectMapper().createObjectNode().put("note", "hand-made"), runs, audit, test, groundTruth);
    }

    /**
     * Three epochs, loss 0.6 - 0.1 e + 0.01 s and validation AUC 0.6 + 0.05 e + 0.01 s for epoch e and seed s; other
     * presets than base 0.1 higher in loss and 0.02 in AUC, and kaml's seed 3 stops after epoch 2. The AUC rises, so the
     * last epoch is the one kept.
     */
    private static TrainingCurve curve(String preset, long seed) {
        boolean base = preset.equals("base");
        int epochs = preset.equals("kaml") && seed == 3 ? 2 : 3;
        List<TrainingCurve.Epoch> points = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            points.add(new TrainingCurve.Epoch(e, 0.6 - 0.1 * e + 0.01 * seed + (base ? 0 : 0.1), 0.6 + 0.05 * e + 0.01 * seed + (base ? 0 : 0.02)));
        }
        return new TrainingCurve(points);
    }

    private static byte[] targetLabels(int[] target, byte[] labels) {
        byte[] out = new byte[target.length];
        for (int i = 0; i < target.length; i++) {
            out[i] = labels[i * ACTIONS.size() + target[i]];
        }
        return out;
    }

    /** 0.5 everywhere but the target cells of positives: 0.9 for the first {@code highA} of a and {@code highB} of b, else 0.1. */
    private static float[] scores(int[] target, int highA, int highB) {
        float[] scores = new float[N * ACTIONS.size()];
        Arrays.fill(scores, 0.5f);
        for (int i = 0; i < 50; i++) {
            scores[i * ACTIONS.size()] = i < highA ? 0.9f : 0.1f;
        }
        for (int i = 100; i < 105; i++) {
            scores[i * ACTIONS.size() + 1] = i - 100 < highB ? 0.9f : 0.1f;
        }
        return scores;
    }

    /**
     * True labels: the observed positives, everything else negative. Every other cell scores 0.5 like the observed
     * negatives, so against the true labels each action's AUC, its DeLong components and the comparison's p are those
     * of the observed labels; only the negatives are more (221 - positives).
     */
    private static Truth truth(byte[] labels) {
        byte[] truth = new byte[labels.length];
        float[] probabilities = new float[labels.length];
        for (int c = 0; c < labels.length; c++) {
            truth[c] = (byte) (labels[c] == 1 ? 1 : 0);
            probabilities[c] = truth[c] == 1 ? 0.9f : 0.1f;
        }
        return new Truth(truth, probabilities);
    }
}
