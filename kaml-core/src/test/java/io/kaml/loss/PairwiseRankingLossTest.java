package io.kaml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairwiseRankingLossTest {
    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    @Test
    void handComputedSingleAction() {
        // rows: A (y=1), B (masked 0), C (unmasked 0); logits 2, 0, 1
        float[] z = {2f, 0f, 1f};
        float[] y = {1f, 0f, 0f};
        float[] m = {0f, 1f, 0f};
        float[] g = new float[3];
        PairwiseRankingLoss all = new PairwiseRankingLoss(new PairwiseRankingLoss.Config(true, true, true, 8));
        double loss = all.lossAndGradient(z, y, m, 3, 1, 1f, g, new SplittableRandom(1));
        // pairs A>B (margin 2), A>C (margin 1), C>B (margin 1); mean of log(1 + e^-margin)
        double expected = (softplus(-2) + softplus(-1) + softplus(-1)) / 3;
        assertThat(loss).isCloseTo(expected, within(1e-7));
        double sAB = 1 / (1 + Math.exp(2));
        double s1 = 1 / (1 + Math.exp(1));
        assertThat((double) g[0]).isCloseTo(-(sAB + s1) / 3, within(1e-7));
        assertThat((double) g[1]).isCloseTo((sAB + s1) / 3, within(1e-7));
        assertThat((double) g[2]).isCloseTo((s1 - s1) / 3, within(1e-7));
    }

    @Test
    void switchedOffKindsAndBatchesWithoutPairsContributeNothing() {
        float[] z = {2f, 0f, 1f};
        float[] y = {1f, 0f, 0f};
        float[] m = {0f, 1f, 0f};
        float[] g = new float[3];
        PairwiseRankingLoss onlyAB = new PairwiseRankingLoss(new PairwiseRankingLoss.Config(true, false, false, 8));
        assertThat(onlyAB.lossAndGradient(z, y, m, 3, 1, 1f, g, new SplittableRandom(1))).isCloseTo(softplus(-2), within(1e-7));
        assertThat(g[2]).isZero();
        float[] none = new float[3];
        double loss = onlyAB.lossAndGradient(z, new float[] {0, 0, 0}, m, 3, 1, 1f, none, new SplittableRandom(1));
        assertThat(loss).isZero();
        assertThat(none).containsOnly(0f);
    }

    @Test
    void thePointwiseTwinScoresEachSideOfTheSamePairsAlone() {
        // The hand-computed case above, pointwise: each pair (p, q) adds softplus(-z_p) + softplus(z_q).
        float[] z = {2f, 0f, 1f};
        float[] y = {1f, 0f, 0f};
        float[] m = {0f, 1f, 0f};
        float[] g = new float[3];
        PairwiseRankingLoss twin = new PairwiseRankingLoss(new PairwiseRankingLoss.Config(true, true, true, 8, true, false));
        double loss = twin.lossAndGradient(z, y, m, 3, 1, 1f, g, new SplittableRandom(1));
        // A>B: sp(-2) + sp(0); A>C: sp(-2) + sp(1); C>B: sp(-1) + sp(0)
        double expected = (2 * softplus(-2) + 2 * softplus(0) + softplus(1) + softplus(-1)) / 3;
        assertThat(loss).isCloseTo(expected, within(1e-7));
        double sigmaMinus2 = 1 / (1 + Math.exp(2));
        double sigma0 = 0.5;
        // A is the upper side twice: -2 sigmoid(-2); B the lower side twice: +2 sigmoid(0); C lower once (+sigmoid(1)), upper once (-sigmoid(-1)).
        assertThat((double) g[0]).isCloseTo(-2 * sigmaMinus2 / 3, within(1e-7));
        assertThat((double) g[1]).isCloseTo(2 * sigma0 / 3, within(1e-7));
        assertThat((double) g[2]).isCloseTo((1 / (1 + Math.exp(-1)) - 1 / (1 + Math.exp(1))) / 3, within(1e-7));
    }

    @Test
    void pairsWithinAnAdvertiserNeverCrossAdvertisersAndShareOneNormaliser() {
        // rows: advertiser 0: A (z 2), C (z 1); advertiser 1: A (z 0), B (z -1), C (z 3). A>B and A>C, partners 8.
        float[] z = {2f, 1f, 0f, -1f, 3f};
        float[] y = {1f, 0f, 1f, 0f, 0f};
        float[] m = {0f, 0f, 0f, 1f, 0f};
        int[] advertiser = {0, 0, 1, 1, 1};
        float[] g = new float[5];
        PairwiseRankingLoss within = new PairwiseRankingLoss(new PairwiseRankingLoss.Config(true, true, false, 8, false, true));
        double loss = within.lossAndGradient(z, y, m, advertiser, 5, 1, 1f, g, new SplittableRandom(1));
        // pairs: (0 > 1) margin 1; (2 > 3) margin 1; (2 > 4) margin -3. Pooled pairs would add 0 > 3, 0 > 4, 2 > 1.
        assertThat(loss).isCloseTo((2 * softplus(-1) + softplus(3)) / 3, within(1e-7));
        assertThat((double) g[0]).isCloseTo(-1 / (1 + Math.exp(1)) / 3, within(1e-7));
        assertThat((double) g[4]).isCloseTo(1 / (1 + Math.exp(-3)) / 3, within(1e-7));
        float[] pooled = new float[5];
        double all = new PairwiseRankingLoss(new PairwiseRankingLoss.Config(true, true, false, 8))
                .lossAndGradient(z, y, m, 5, 1, 1f, pooled, new SplittableRandom(1));
        assertThat(all).isNotCloseTo(loss, within(1e-3));
    }

    @Test
    void gradientMatchesFiniteDifferencesWithTheSamePairs() {
        gradientCheck(false);
        gradientCheck(true);
    }

    private static void gradientCheck(boolean pointwise) {
        Random random = new Random(2);
        int rows = 40;
        int actions = 3;
        float[] z = new float[rows * actions];
        float[] y = new float[rows * actions];
        float[] m = new float[rows * actions];
        for (int k = 0; k < z.length; k++) {
            z[k] = (float) random.nextGaussian();
            y[k] = random.nextInt(5) == 0 ? 1 : 0;
            m[k] = random.nextBoolean() ? 1 : 0;
        }
        PairwiseRankingLoss loss = new PairwiseRankingLoss(new PairwiseRankingLoss.Config(true, true, true, 3, pointwise, false));
        float[] g = new float[z.length];
        loss.lossAndGradient(z, y, m, rows, actions, 0.7f, g, new SplittableRandom(5));
        float[] scratch = new float[z.length];
        double worst = 0;
        for (int k = 0; k < z.length; k++) {
            float[] plus = z.clone();
            float[] minus = z.clone();
            plus[k] += 1e-3f;
            minus[k] -= 1e-3f;
            // same seed: the same partners are drawn, so the loss is a smooth function of z
            double numeric = (loss.lossAndGradient(plus, y, m, rows, actions, 0.7f, scratch, new SplittableRandom(5))
                    - loss.lossAndGradient(minus, y, m, rows, actions, 0.7f, scratch, new SplittableRandom(5))) / 2e-3;
            worst = Math.max(worst, Math.abs(numeric - g[k]));
        }
        System.out.printf("gradient check PairwiseRankingLoss (pointwise %s) max abs error %.2e%n", pointwise, worst);
        assertThat(worst).isLessThan(1e-4);
    }

    @Test
    void capsPartnersPerPositiveWithoutReplacement() {
        int rows = 101;
        float[] z = new float[rows];
        float[] y = new float[rows];
        float[] m = new float[rows];
        y[0] = 1;
        for (int r = 1; r < rows; r++) {
            m[r] = 1;
            z[r] = -r;
        }
        float[] g = new float[rows];
        new PairwiseRankingLoss(new PairwiseRankingLoss.Config(true, false, false, 5)).lossAndGradient(z, y, m, rows, 1, 1f, g, new SplittableRandom(3));
        int partners = 0;
        for (int r = 1; r < rows; r++) {
            if (g[r] != 0f) {
                partners++;
            }
        }
        assertThat(partners).isEqualTo(5);
    }
}
