package io.kaml.sim;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TargetDefinitionsTest {
    private static final int N = Action.COUNT;
    private static final Population USERS = Population.draw(3_000, new SplittableRandom(1));

    /** {@code shift[t][j][u]}: what an advertiser targeting t adds to action j's logit for user u. */
    private static double[][][] shifts(TargetDefinitions definitions, boolean ownDefinitions) {
        double[][][] shift = new double[N][N][USERS.size];
        for (Action target : Action.values()) {
            for (int u = 0; u < USERS.size; u++) {
                double[] logits = new double[N];
                definitions.addTo(u, target, ownDefinitions, logits);
                for (int j = 0; j < N; j++) {
                    shift[target.ordinal()][j][u] = logits[j];
                }
            }
        }
        return shift;
    }

    @Test
    void eachActionAndTargetShiftsTheLogitByAFunctionOfTheUserWithMeanZeroAndSpreadS() {
        double[][][] shift = shifts(TargetDefinitions.draw(USERS, 2, new SplittableRandom(2)), false);
        for (int t = 0; t < N; t++) {
            for (int j = 0; j < N; j++) {
                double mean = mean(shift[t][j]);
                assertThat(mean).isCloseTo(0, within(1e-9));
                assertThat(Math.sqrt(mean(product(shift[t][j], shift[t][j])))).isCloseTo(2, within(1e-9));
            }
        }
        // The same action means something else to each target: the shifts are far from one another.
        for (int j = 0; j < N; j++) {
            for (int t = 1; t < N; t++) {
                assertThat(mean(product(shift[0][j], shift[t][j])) / 4).as("corr(t=0, t=%d) of action %d", t, j)
                        .isLessThan(0.95);
            }
        }
    }

    @Test
    void theOwnTargetersDefinitionIsTheShiftOfAnAdvertiserTargetingTheAction() {
        TargetDefinitions definitions = TargetDefinitions.draw(USERS, 1, new SplittableRandom(3));
        double[][][] logged = shifts(definitions, false);
        double[][][] own = shifts(definitions, true);
        for (int t = 0; t < N; t++) {
            for (int j = 0; j < N; j++) {
                assertThat(own[t][j]).isEqualTo(logged[j][j]);
            }
        }
    }

    @Test
    void strengthZeroLeavesEveryLogitExactlyAsItWas() {
        TargetDefinitions definitions = TargetDefinitions.draw(USERS, 0, new SplittableRandom(4));
        double[] logits = {-0.0, 1.5, -2.25, 3e-9, 7};
        double[] before = logits.clone();
        definitions.addTo(17, Action.PAYMENT, false, logits);
        assertThat(logits).isEqualTo(before);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double[] product(double[] a, double[] b) {
        double[] p = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            p[i] = a[i] * b[i];
        }
        return p;
    }
}
