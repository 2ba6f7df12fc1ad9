package io.kaml.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kaml.data.Batch;
import io.kaml.data.Dataset;
import io.kaml.data.Split;
import io.kaml.eval.ExperimentResult;
import io.kaml.eval.TestTargets;
import io.kaml.eval.Truth;
import io.kaml.eval.TruthFile;
import io.kaml.loss.LabelMask;
import io.kaml.loss.LossConfig;
import io.kaml.loss.MaskAudit;
import io.kaml.model.BackboneKind;
import io.kaml.model.ModelConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A comparison on one loaded dataset: every preset × backbone × seed, each one {@link TrainingJob}
 * with the shared model shape, loss knobs, loop and optimiser settings, the preset's switches applied
 * (METHOD §7.5: several seeds, mean and spread, significance). Runs go seed by seed, so an interrupted
 * experiment already holds complete pairs to compare.
 *
 * @param model the shared shape; each run takes its backbone and the preset's HKE switch
 * @param loss  the shared ADM and RLU knobs; each run takes the preset's mask and ranking switches
 * @param train the shared loop settings; each run takes its seed
 */
public record Experiment(List<Preset> presets, List<BackboneKind> backbones, List<Long> seeds, ModelConfig model,
                         LossConfig loss, TrainConfig train, OptimizerConfig optimizer, LearningRateSchedule schedule) {

    /** One run of the plan. */
    public record Run(Preset preset, BackboneKind backbone, long seed) {
        @Override
        public String toString() {
            return preset.key() + " " + backbone.key() + " seed " + seed;
        }
    }

    /** Observes an experiment; {@link #training} supplies each run's training listeners. */
    public interface Listener {
        /** @param number from 1 */
        default void onRunStart(Run run, int number, int total) {
        }

        default void onRunEnd(Run run, ExperimentResult.Run result, int number, int total) {
        }

        default List<TrainingListener> training(Run run) {
            return List.of();
        }
    }

    public Experiment {
        presets = distinct("presets", presets);
        backbones = distinct("backbones", backbones);
        seeds = distinct("seeds", seeds);
    }

    private static <T> List<T> distinct(String key, List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("experiment key '" + key + "' needs at least one value");
        }
        if (new HashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("experiment key '" + key + "' lists a value twice: " + values);
        }
        return List.copyOf(values);
    }

    /** Every run, in the order they are run: seeds outer, then backbones, then presets. */
    public List<Run> plan() {
        List<Run> runs = new ArrayList<>();
        for (long seed : seeds) {
            for (BackboneKind backbone : backbones) {
                for (Preset preset : presets) {
                    runs.add(new Run(preset, backbone, seed));
                }
            }
        }
        return runs;
    }

    /** The training job of one run. */
    public TrainingJob job(Run run) {
        TrainConfig seeded = train.withSeed(run.seed());
        return new TrainingJob(run.preset().model(model.withBackbone(run.backbone())), run.preset().loss(loss), seeded,
                optimizer, schedule);
    }

    /**
     * Runs the whole plan on {@code data}.
     *
     * @param truthFile ground truth of the test split, or null
     */
    public ExperimentResult run(Dataset data, Path truthFile, Listener listener) {
        TrainingRows trainRows = TrainingRows.of(data);
        Batch test = HeldOutSplit.outcomes(data, Split.TEST);
        TestTargets targets = TestTargets.of(test);
        List<String> actions = data.spec().actions();
        MaskAudit audit = MaskAudit.of(trainRows.blocks(), data.advertisers(), actions, loss.with(LabelMask.Kind.ADM, false)
                .labelMask(() -> trainRows.counts(data.advertisers().size()), actions.size()));
        Truth truth = truthFile == null ? null : TruthFile.read(truthFile, actions, test.ids());
        List<Run> plan = plan();
        List<ExperimentResult.Run> results = new ArrayList<>();
        for (int k = 0; k < plan.size(); k++) {
            Run run = plan.get(k);
            listener.onRunStart(run, k + 1, plan.size());
            long start = System.nanoTime();
            CurveRecorder curve = new CurveRecorder(train.selectBy());
            List<TrainingListener> listeners = new ArrayList<>(listener.training(run));
            listeners.add(curve);
            TrainingJob.Outcome outcome = job(run).run(data, truth, listeners, null);
            ExperimentResult.Run result = new ExperimentResult.Run(run.preset().key(), run.backbone().key(), run.seed(),
                    outcome.test(), curve.curve(), outcome.training().bestEpoch() + 1, (System.nanoTime() - start) / 1e9,
                    targets.targetScores(outcome.testScores()), truth == null ? null : outcome.testScores());
            results.add(result);
            listener.onRunEnd(run, result, k + 1, plan.size());
        }
        return new ExperimentResult(data.spec().source().toAbsolutePath().toString(),
                truthFile == null ? null : truthFile.toAbsolutePath().toString(), actions,
                presets.stream().map(Preset::key).toList(), backbones.stream().map(BackboneKind::key).toList(), seeds,
                toJson(), results, audit, targets, truth);
    }

    /** The plan and the shared settings, as the report records them. */
    public ObjectNode toJson() {
        ObjectNode node = new ObjectMapper().createObjectNode();
        presets.stream().map(Preset::key).forEach(node.putArray("presets")::add);
        backbones.stream().map(BackboneKind::key).forEach(node.putArray("backbones")::add);
        seeds.forEach(node.putArray("seeds")::add);
        node.set("model", model.toJson());
        node.set("loss", loss.toJson());
        ObjectNode loop = train.toJson();
        // Each run has its own seed, listed above; the shared config's would mislead.
        loop.remove("seed");
        node.set("train", loop);
        node.set("optimizer", optimizer.toJson());
        node.set("schedule", schedule.toJson());
        return node;
    }
}
