package io.kaml.artifact;

import io.kaml.data.NumericalStats;
import io.kaml.model.MultiTaskModel;
import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import java.nio.file.Path;

/**
 * Refuses a model with a NaN or infinite number in its weights or its encoding statistics. Such a model
 * (training diverged, or the file was written from a broken run) loads fine, since its checksum matches,
 * yet scores NaN for every row or for some: served, it would answer "probabilities" that are not
 * numbers; evaluated or used by {@code predict}, it would write NaN. So {@link ModelStore#load} checks every
 * weight once, a few milliseconds even for large embeddings. A standard deviation of 0 counts as broken
 * too: fitting never writes one (see {@link NumericalStats#MIN_STD}), and it would divide by zero.
 */
final class FiniteWeights {
    private FiniteWeights() {
    }

    /** @throws ArtifactException naming the first tensor or statistic that is not finite, and where in it */
    static void require(Path file, MultiTaskModel model) {
        ParameterSet parameters = model.parameters();
        for (Parameter p : parameters.parameters()) {
            float[] values = parameters.values(p);
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new ArtifactException(file + ": tensor " + p.name() + " [" + p.rows() + ", " + p.cols() + "] holds " + values[i]
                            + " at row " + i / p.cols() + ", column " + i % p.cols() + "; a model with a non-finite weight cannot score"
                            + " (did training diverge?), so it is not loaded");
                }
            }
        }
        NumericalStats stats = model.encoder().stats();
        if (stats != null) {
            for (int f = 0; f < stats.fields(); f++) {
                if (!Double.isFinite(stats.mean()[f]) || !Double.isFinite(stats.std()[f]) || !(stats.std()[f] > 0)) {
                    throw new ArtifactException(file + ": the encoding statistics of numerical feature " + model.encoder().numericalFields().get(f)
                            + " are not usable (mean " + stats.mean()[f] + ", std " + stats.std()[f] + "; both must be finite and std above 0),"
                            + " so the model is not loaded");
                }
            }
        }
    }
}
