package io.kaml.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaml.data.Dataset;
import io.kaml.eval.ExperimentResult;
import io.kaml.eval.TrainingCurve;
import io.kaml.loss.LossConfig;
import io.kaml.model.BackboneKind;
import io.kaml.model.ModelConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short experiment on a tiny simulated world: what each run brings back to the report. */
class ExperimentTest {
    private static final ModelConfig SMALL = new ModelConfig(BackboneKind.MMOE, 4, 3, List.of(16, 8), List.of(8), 1, 1, 1);
    private static final OptimizerConfig FAST = new OptimizerConfig(0.01, 0.01, 0.9, 0.999, 1e-8, EmbeddingOptimizer.LAZY_ADAM, 0, 0);

    @TempDir
    static Path worldDir;

    private static Dataset data;

    @BeforeAll
    static void simulate() {
        data = TinyWorld.create(worldDir, 6, 1500);
    }

    @Test
    void eachRunCarriesTheLossAndValidationAucOfEveryEpoch() {
        // Patience 0: every one of the 3 epochs runs, whichever is best.
        Experiment experiment = new Experiment(List.of(Preset.BASE, Preset.KAML), List.of(BackboneKind.MMOE), List.of(5L), SMALL,
                LossConfig.defaults(), new TrainConfig(3, 256, 1, 5, 0, 0, 0), FAST, LearningRateSchedule.constant());
        List<TrainingListener.Epoch> seen = new ArrayList<>();
        ExperimentResult result = experiment.run(data, null, new Experiment.Listener() {
            @Override
            public List<TrainingListener> training(Experiment.Run run) {
                return List.of(new TrainingListener() {
                    @Override
                    public void onEpoch(Epoch epoch) {
                        seen.add(epoch);
                    }
                });
            }
        });
        assertThat(seen).hasSize(6);
        for (int r = 0; r < 2; r++) {
            ExperimentResult.Run run = result.runs().get(r);
            List<TrainingCurve.Epoch> curve = run.curve().epochs();
            assertThat(curve).extracting(TrainingCurve.Epoch::epoch).containsExactly(1, 2, 3);
            int best = 0;
            for (int e = 0; e < 3; e++) {
                TrainingListener.Epoch event = seen.get(3 * r + e);
                assertThat(curve.get(e).trainingLoss()).isEqualTo(event.meanLoss()).isPositive();
                assertThat(curve.get(e).validationAuc()).isEqualTo(event.validation().all().auc()).isBetween(0.5, 1.0);
                best = curve.get(e).validationAuc() > curve.get(best).validationAuc() ? e : best;
            }
            // The kept epoch is the curve's best validation AUC.
            assertThat(run.bestEpoch()).isEqualTo(best + 1);
        }
        // Two presets, two objectives: kaml's ranking term makes its loss another curve.
        assertThat(result.runs().get(1).curve().epochs().getFirst().trainingLoss())
                .isNotEqualTo(result.runs().get(0).curve().epochs().getFirst().trainingLoss());
    }

    @Test
    void theReliableMaskTrainsAFirstStageThatOnlyProgressWatches() {
        List<String> events = new ArrayList<>();
        TrainingListener progress = new TrainingListener() {
            @Override
            public void onStart(Start start) {
                events.add("progress start");
            }

            @Override
            public boolean observesFirstStage() {
                return true;
            }
        };
        TrainingListener checkpoints = new TrainingListener() {
            @Override
            public void onStart(Start start) {
                events.add("checkpoints start");
            }
        };
        TrainingJob job = new TrainingJob(SMALL, Preset.RELIABLE.loss(LossConfig.defaults()), new TrainConfig(1, 256, 1, 5, 0, 0, 0),
                FAST, LearningRateSchedule.constant());
        TrainingJob.Outcome outcome = job.run(data, null, List.of(progress, checkpoints), null);
        // The first stage, then the run: the run's own listeners never see the first stage.
        assertThat(events).containsExactly("progress start", "progress start", "checkpoints start");
        io.kaml.loss.ReportCompleteness completeness = outcome.completeness();
        assertThat(completeness).isNotNull();
        long labelled = 0;
        for (int a = 0; a < data.advertisers().size(); a++) {
            for (int j = 0; j < data.spec().actionCount(); j++) {
                labelled += completeness.samples(a, j);
                assertThat(completeness.expected(a, j)).isBetween(0.0, (double) completeness.samples(a, j));
            }
        }
        assertThat(labelled).isPositive();
        // Other masks train no first stage.
        events.clear();
        TrainingJob adm = new TrainingJob(SMALL, Preset.ADM.loss(LossConfig.defaults()), new TrainConfig(1, 256, 1, 5, 0, 0, 0),
                FAST, LearningRateSchedule.constant());
        assertThat(adm.run(data, null, List.of(progress, checkpoints), null).completeness()).isNull();
        assertThat(events).containsExactly("progress start", "checkpoints start");
    }
}
