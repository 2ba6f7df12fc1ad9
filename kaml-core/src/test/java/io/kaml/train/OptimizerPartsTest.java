package io.kaml.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaml.nn.Gradients;
import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** A step split into parts (the trainer's workers) is the serial step, bit for bit, for either sparse rule. */
class OptimizerPartsTest {
    @Test
    void aStepInPartsIsTheSerialStepBitForBit() {
        for (EmbeddingOptimizer kind : EmbeddingOptimizer.values()) {
            for (int parts : new int[] {2, 3, 7}) {
                OptimizerConfig config = new OptimizerConfig(0.01, 0.05, 0.9, 0.999, 1e-8, kind, 1e-4, 1.0);
                ParameterSet serial = model();
                ParameterSet split = model();
                Optimizer a = new Optimizer(config, serial);
                Optimizer b = new Optimizer(config, split);
                Random random = new Random(parts);
                for (int step = 0; step < 5; step++) {
                    long seed = random.nextLong();
                    a.step(serial, gradients(serial, seed), 1f);
                    b.step(split, gradients(split, seed), 1f, inOrderReversed(parts));
                }
                for (Parameter p : serial.parameters()) {
                    assertThat(split.values(split.parameters().get(p.index()))).as("%s, %d parts, %s", kind, parts, p.name())
                            .isEqualTo(serial.values(p));
                }
                for (int t = 0; t < a.state().tensors().size(); t++) {
                    assertThat(b.state().tensors().get(t).data()).isEqualTo(a.state().tensors().get(t).data());
                }
            }
        }
    }

    /** Parts run last to first, to show that their order does not matter either. */
    private static Optimizer.Parts inOrderReversed(int parts) {
        return new Optimizer.Parts() {
            @Override
            public int parts() {
                return parts;
            }

            @Override
            public void runAll(IntConsumer part) {
                for (int w = parts - 1; w >= 0; w--) {
                    part.accept(w);
                }
            }
        };
    }

    private static ParameterSet model() {
        ParameterSet set = new ParameterSet();
        Parameter w = set.addDense("w", 7, 37);
        Parameter t = set.addSparse("table", 50, 19);
        Random random = new Random(1);
        for (Parameter p : List.of(w, t)) {
            float[] v = set.values(p);
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextGaussian();
            }
        }
        return set;
    }

    private static Gradients gradients(ParameterSet set, long seed) {
        Random random = new Random(seed);
        Gradients g = set.newGradients();
        float[] dense = g.dense(set.parameters().get(0));
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (float) random.nextGaussian();
        }
        Parameter table = set.parameters().get(1);
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < 50; r++) {
            if (random.nextInt(3) == 0) {
                rows.add(r);
            }
        }
        for (int row : rows) {
            float[] values = new float[19];
            for (int d = 0; d < 19; d++) {
                values[d] = (float) random.nextGaussian();
            }
            g.sparse(table).add(row, values, 0);
        }
        return g;
    }
}
