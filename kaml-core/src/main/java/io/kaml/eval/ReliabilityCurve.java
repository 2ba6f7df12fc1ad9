package io.kaml.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A reliability diagram's points: samples sorted by predicted probability and cut into bins of equal
 * count, each bin's mean prediction against its observed conversion rate. A calibrated model's points
 * lie on the diagonal.
 *
 * <p>Equal-count bins rather than the equal-width bins of {@link CalibrationError}: conversion rates of
 * a few percent put nearly every sample in the first tenth of [0, 1], which would leave an equal-width
 * diagram with one or two points.
 *
 * @param bins non-empty bins in order of rising prediction
 */
public record ReliabilityCurve(List<Bin> bins) {
    public static final int DEFAULT_BINS = 10;

    /** @param count samples in the bin */
    public record Bin(double meanPredicted, double observedRate, int count) {
    }

    public ReliabilityCurve {
        bins = List.copyOf(bins);
    }

    /**
     * @param probabilities [n] predictions, each in [0, 1]
     * @param labels        [n] outcomes
     * @param binCount      bins wanted; fewer when there are fewer samples
     */
    public static ReliabilityCurve of(float[] probabilities, boolean[] labels, int binCount) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException("probabilities has " + probabilities.length + " values but labels has " + labels.length);
        }
        if (binCount < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + binCount);
        }
        int n = probabilities.length;
        // Probability bits in the high half, row in the low half: one primitive sort, ties broken by row
        // (non-negative floats order like their bits; + 0f turns -0 into 0).
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            float p = probabilities[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probabilities[" + i + "] = " + p + " is not a probability");
            }
            order[i] = (long) Float.floatToIntBits(p + 0f) << 32 | i;
        }
        Arrays.sort(order);
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < binCount; b++) {
            int from = (int) ((long) n * b / binCount);
            int to = (int) ((long) n * (b + 1) / binCount);
            if (to == from) {
                continue;
            }
            double sum = 0;
            int positives = 0;
            for (int k = from; k < to; k++) {
                int i = (int) order[k];
                sum += probabilities[i];
                positives += labels[i] ? 1 : 0;
            }
            bins.add(new Bin(sum / (to - from), (double) positives / (to - from), to - from));
        }
        return new ReliabilityCurve(bins);
    }

    /**
     * The bin-by-bin mean of curves of several runs (the seeds of a preset) on the same samples. Equal-count
     * bins over the same samples have the same counts whatever the predictions, so bin {@code k} of every
     * curve is that run's {@code k}-th slice of predictions; its mean prediction and observed rate are
     * averaged over the runs, its count kept.
     *
     * @throws IllegalArgumentException if there are no curves or their bins' counts differ (curves of other samples)
     */
    public static ReliabilityCurve mean(List<ReliabilityCurve> curves) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("no curves to average");
        }
        List<Bin> first = curves.getFirst().bins();
        for (ReliabilityCurve c : curves) {
            if (!c.bins().stream().map(Bin::count).toList().equals(first.stream().map(Bin::count).toList())) {
                throw new IllegalArgumentException("curves of different samples: bin counts " + first.stream().map(Bin::count).toList()
                        + " and " + c.bins().stream().map(Bin::count).toList());
            }
        }
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < first.size(); b++) {
            int at = b;
            bins.add(new Bin(curves.stream().mapToDouble(c -> c.bins().get(at).meanPredicted()).average().orElseThrow(),
                    curves.stream().mapToDouble(c -> c.bins().get(at).observedRate()).average().orElseThrow(), first.get(b).count()));
        }
        return new ReliabilityCurve(bins);
    }
}
