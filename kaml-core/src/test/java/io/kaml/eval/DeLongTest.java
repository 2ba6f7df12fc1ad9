package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeLongTest {

    @Test
    void structuralComponentsByHand() {
        // Rows 0-2 positive, 3-4 negative.         A: 0.9 0.6 0.4 | 0.5 0.2    B: 0.7 0.8 0.4 | 0.4 0.6
        // A, positives beat (of 2 negatives): 2, 2, 1 -> V10 = 1, 1, 1/2; negatives beaten by (of 3): 2, 3 -> V01 = 2/3, 1.
        // B: 0.4 ties negative 0.4 (counts 1/2) and loses to 0.6 -> V10 = 1, 1, 1/4; V01 = (2 + 1/2) / 3 = 5/6, 2/3.
        // AUC_A = mean V10 = 5/6, AUC_B = 3/4.
        // S10_A = ((1/6)^2 + (1/6)^2 + (1/3)^2) / 2 = 1/12, S01_A = 2 (1/6)^2 / 1 = 1/18: var A = (1/12)/3 + (1/18)/2 = 1/18.
        // S10_B = (0.25^2 + 0.25^2 + 0.5^2) / 2 = 3/16, S01_B = 2 (1/12)^2 = 1/72: var B = (3/16)/3 + (1/72)/2 = 5/72.
        // S10_AB = (1/6 * 1/4 + 1/6 * 1/4 + 1/3 * 1/2) / 2 = 1/8, S01_AB = (-1/6 * 1/12 + 1/6 * -1/12) / 1 = -1/36:
        // cov = (1/8)/3 + (-1/36)/2 = 1/36; var(A - B) = 1/18 + 5/72 - 2/36 = 5/72.
        float[] a = {0.9f, 0.6f, 0.4f, 0.5f, 0.2f};
        float[] b = {0.7f, 0.8f, 0.4f, 0.4f, 0.6f};
        boolean[] labels = {true, true, true, false, false};
        DeLong.Placements pa = DeLong.Placements.of(a, labels);
        assertThat(pa.positives()).containsExactly(1, 1, 0.5);
        assertThat(pa.negatives()).containsExactly(new double[] {2.0 / 3, 1}, within(1e-15));
        DeLong.Placements pb = DeLong.Placements.of(b, labels);
        assertThat(pb.positives()).containsExactly(1, 1, 0.25);
        assertThat(pb.negatives()).containsExactly(new double[] {5.0 / 6, 2.0 / 3}, within(1e-15));

        DeLong d = DeLong.of(a, b, labels);
        assertThat(d.aucA()).isCloseTo(5.0 / 6, within(1e-15));
        assertThat(d.aucB()).isCloseTo(0.75, within(1e-15));
        assertThat(d.varianceA()).isCloseTo(1.0 / 18, within(1e-15));
        assertThat(d.varianceB()).isCloseTo(5.0 / 72, within(1e-15));
        assertThat(d.covariance()).isCloseTo(1.0 / 36, within(1e-15));
        assertThat(d.differenceVariance()).isCloseTo(5.0 / 72, within(1e-15));
    }

    /**
     * pROC's aSAH data (Turck et al. 2010, Intensive Care Medicine 36(1); 113 patients, 41 with a poor
     * outcome: the positives) and the values pROC's own test suite expects from it (github.com/xrobin/pROC,
     * tests/testthat: test-roc.test.R for {@code roc.test(r.wfns, r.s100b)} etc. with the default DeLong
     * method, test-var.R for {@code var()}, helper-deLongPlacementsCpp-expected.R for the AUCs). Each row
     * below is outcome (G good, P poor), wfns, s100b, ndka.
     */
    private static final String ASAH = """
            G,1,0.13,3.01 G,1,0.14,8.54 G,1,0.1,8.09 G,1,0.04,10.42 P,3,0.13,17.4 P,2,0.1,12.75 G,5,0.47,6.0 P,4,0.16,13.2
            G,1,0.18,15.54 G,2,0.1,6.01 P,5,0.12,15.96 G,2,0.1,17.86 P,5,0.44,5.18 P,5,0.71,8.9 G,1,0.04,13.41 G,2,0.08,20.75
            P,5,0.49,11.6 G,2,0.04,16.11 P,2,0.07,32.37 P,5,0.33,54.82 P,2,0.09,32.41 G,1,0.09,49.94 P,1,0.07,40.34 G,1,0.11,9.47
            G,1,0.07,6.29 G,2,0.17,12.53 G,1,0.07,6.54 G,2,0.11,6.3 G,1,0.13,80.3 G,1,0.19,12.8 G,3,0.05,9.8 G,4,0.16,9.81
            P,2,0.41,9.85 G,1,0.14,18.21 G,4,0.34,5.03 P,5,0.35,14.04 P,4,0.48,21.93 G,1,0.09,8.02 P,4,0.96,7.42 P,2,0.25,8.38
            G,5,0.5,6.59 G,5,0.46,9.63 G,1,0.16,13.12 G,1,0.07,7.96 G,2,0.43,14.34 G,4,0.45,41.43 G,1,0.11,7.63 G,1,0.08,7.06
            G,2,0.09,12.59 P,5,0.86,13.56 P,5,0.52,3.87 G,2,0.08,9.44 G,1,0.06,7.66 G,2,0.13,12.98 P,5,2.07,419.19 G,1,0.1,27.19
            G,2,0.14,22.27 G,2,0.15,9.95 P,2,0.07,21.22 G,1,0.06,11.73 P,5,0.77,10.4 G,1,0.05,58.83 G,1,0.09,6.39 P,2,0.3,11.09
            P,5,0.03,12.22 P,2,0.09,13.67 G,1,0.04,17.21 P,4,0.23,22.63 P,5,0.7,12.9 G,2,0.09,9.7 P,4,0.27,21.57 P,4,0.71,8.23
            P,1,0.08,72.57 P,4,0.26,15.54 G,1,0.08,10.51 G,2,0.16,10.6 G,1,0.09,14.57 P,4,0.13,5.19 P,2,0.1,9.63 G,1,0.08,4.61
            P,2,0.11,21.48 G,3,0.33,17.3 G,2,0.11,12.71 G,4,0.28,9.44 G,2,0.07,11.07 G,1,0.1,19.46 G,4,0.32,10.83 P,5,0.22,5.37
            G,1,0.07,11.97 G,1,0.05,7.75 G,5,0.24,9.83 G,4,0.38,10.55 G,2,0.1,28.49 G,2,0.15,8.53 G,1,0.08,12.57 G,1,0.14,12.9
            G,1,0.1,46.83 G,3,0.07,11.68 G,1,0.04,12.67 G,2,0.19,9.01 P,5,0.56,9.57 P,2,0.14,34.06 P,2,0.58,11.72 P,5,0.32,14.26
            P,5,0.82,47.61 P,5,0.74,11.67 G,2,0.15,24.58 G,4,0.47,10.33 G,4,0.17,13.87 P,5,0.44,15.89 G,1,0.15,22.43 G,1,0.5,6.79
            G,1,0.48,13.45
            """;

    @Test
    void matchesPublishedPRocValuesOnTheASahData() {
        String[] rows = ASAH.trim().split("\\s+");
        assertThat(rows).hasSize(113);
        boolean[] poor = new boolean[rows.length];
        float[][] markers = new float[3][rows.length];
        for (int i = 0; i < rows.length; i++) {
            String[] cells = rows[i].split(",");
            poor[i] = cells[0].equals("P");
            for (int k = 0; k < 3; k++) {
                markers[k][i] = Float.parseFloat(cells[k + 1]);
            }
        }
        float[] wfns = markers[0];
        float[] s100b = markers[1];
        float[] ndka = markers[2];

        DeLong wfnsS100b = DeLong.of(wfns, s100b, poor);
        assertThat(wfnsS100b.aucA()).isCloseTo(0.823678861788618, within(1e-12));
        assertThat(wfnsS100b.aucB()).isCloseTo(0.731368563685637, within(1e-12));
        assertThat(wfnsS100b.varianceA()).isCloseTo(0.00146991470882363, within(1e-15));
        assertThat(wfnsS100b.varianceB()).isCloseTo(0.00266868245717244, within(1e-15));
        assertThat(DeLong.of(ndka, ndka, poor).varianceA()).isCloseTo(0.0031908105493913, within(1e-15));

        // roc.test's Z, p and 95% interval of the difference; with one seed AucEstimate is that normal test.
        expectRocTest(wfnsS100b, 2.20898359144091, 0.0271757822291882, 0.0104061769564846, 0.174214419249478);
        expectRocTest(DeLong.of(wfns, ndka, poor), 2.79777591868904, 0.00514557970691098, 0.0634011709339876, 0.3600405634833566);
        expectRocTest(DeLong.of(ndka, s100b, poor), -1.39077002573558, 0.164295175223054, -0.2876917446341914, 0.0488706064228094);
    }

    private static void expectRocTest(DeLong d, double z, double p, double low, double high) {
        double difference = d.aucA() - d.aucB();
        assertThat(difference / Math.sqrt(d.differenceVariance())).isCloseTo(z, within(1e-10));
        AucEstimate one = AucEstimate.of(new double[] {difference}, new double[] {d.differenceVariance()});
        assertThat(one.p()).isCloseTo(p, within(1e-12));
        assertThat(one.low()).isCloseTo(low, within(1e-12));
        assertThat(one.high()).isCloseTo(high, within(1e-12));
    }

    @Test
    void agreesWithPairByPairComponentsAndWithAucOnTiedScores() {
        Random random = new Random(11);
        int n = 300;
        float[] a = new float[n];
        float[] b = new float[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < 0.2;
            // Few distinct values, so ties within and across classes are common.
            a[i] = random.nextInt(12) + (labels[i] ? 3 : 0);
            b[i] = 0.5f * a[i] + random.nextInt(6);
        }
        DeLong d = DeLong.of(a, b, labels);
        assertThat(d.aucA()).isEqualTo(Auc.of(a, labels));
        assertThat(d.aucB()).isEqualTo(Auc.of(b, labels));
        double[][] pa = byPairs(a, labels);
        double[][] pb = byPairs(b, labels);
        assertThat(DeLong.Placements.of(a, labels).positives()).containsExactly(pa[0], within(1e-12));
        assertThat(DeLong.Placements.of(a, labels).negatives()).containsExactly(pa[1], within(1e-12));
        assertThat(DeLong.of(new DeLong.Placements(0, pa[0], pa[1]), new DeLong.Placements(0, pb[0], pb[1])).covariance())
                .isCloseTo(d.covariance(), within(1e-15));
    }

    /** The definition, every (positive, negative) pair compared: components of the positives, then of the negatives. */
    private static double[][] byPairs(float[] scores, boolean[] labels) {
        List<Float> positives = new ArrayList<>();
        List<Float> negatives = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            (labels[i] ? positives : negatives).add(scores[i]);
        }
        double[] v10 = positives.stream().mapToDouble(x -> negatives.stream().mapToDouble(y -> psi(x, y)).average().orElseThrow()).toArray();
        double[] v01 = negatives.stream().mapToDouble(y -> positives.stream().mapToDouble(x -> psi(x, y)).average().orElseThrow()).toArray();
        return new double[][] {v10, v01};
    }

    private static double psi(float positive, float negative) {
        return positive > negative ? 1 : positive == negative ? 0.5 : 0;
    }

    @Test
    void identicalModelsDifferByNothing() {
        float[] a = {0.3f, 0.8f, 0.8f, 0.1f, 0.5f, 0.9f};
        boolean[] labels = {false, true, false, false, true, true};
        DeLong d = DeLong.of(a, a.clone(), labels);
        assertThat(d.varianceA()).isPositive();
        assertThat(d.differenceVariance()).isZero();
    }

    @Test
    void undefinedOnOneClassAndWithoutVarianceOnASingleSampleOfAClass() {
        DeLong oneClass = DeLong.of(new float[] {0.1f, 0.2f}, new float[] {0.3f, 0.4f}, new boolean[] {false, false});
        assertThat(oneClass.aucA()).isNaN();
        assertThat(oneClass.varianceA()).isNaN();
        DeLong onePositive = DeLong.of(new float[] {0.9f, 0.2f, 0.1f}, new float[] {0.1f, 0.2f, 0.9f}, new boolean[] {true, false, false});
        assertThat(onePositive.aucA()).isEqualTo(1.0);
        assertThat(onePositive.varianceA()).isNaN();
        assertThatThrownBy(() -> DeLong.of(new float[] {0.1f}, new float[] {0.1f, 0.2f}, new boolean[] {true, false}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
