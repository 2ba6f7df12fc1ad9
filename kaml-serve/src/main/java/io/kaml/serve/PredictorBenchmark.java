package io.kaml.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How fast an embedding service calls a {@link Predictor}: single-request latency and batch
 * throughput on one thread, with requests made of raw feature maps (ids as strings, numbers as
 * doubles), so hashing and validation are timed too. A main for {@code scripts/load-test.sh}, not a
 * test: timings mean little on a busy machine.
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp kaml.jar io.kaml.serve.PredictorBenchmark m.kaml [requests]</pre>
 */
public final class PredictorBenchmark {
    private static final int DISTINCT_REQUESTS = 4096;
    private static final int WARM_UP = 20_000;
    private static final int BATCH = 64;

    private PredictorBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: PredictorBenchmark MODEL_FILE [TIMED_REQUESTS (default 100000)]");
            System.exit(2);
        }
        Predictor predictor = Predictor.load(Path.of(args[0]));
        int timed = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        List<Map<String, Object>> requests = requests(predictor, new SplittableRandom(1));
        String target = predictor.actions().getLast();

        for (int i = 0; i < WARM_UP; i++) {
            predictor.predict(requests.get(i % DISTINCT_REQUESTS), target);
        }
        long[] nanos = new long[timed];
        float sink = 0;
        for (int i = 0; i < timed; i++) {
            long start = System.nanoTime();
            sink += predictor.predict(requests.get(i % DISTINCT_REQUESTS), target).score();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "predictor single request (1 thread, %,d timed after %,d untimed): p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
                timed, WARM_UP, percentile(nanos, 0.50), percentile(nanos, 0.99), percentile(nanos, 0.999), nanos[timed - 1] / 1e3);

        List<List<Instance>> batches = new ArrayList<>();
        for (int b = 0; b < DISTINCT_REQUESTS / BATCH; b++) {
            List<Instance> batch = new ArrayList<>();
            for (int r = 0; r < BATCH; r++) {
                batch.add(new Instance(requests.get(b * BATCH + r), target));
            }
            batches.add(batch);
        }
        int calls = Math.max(1, timed / BATCH);
        for (int i = 0; i < calls / 5; i++) {
            sink += predictor.predict(batches.get(i % batches.size())).getFirst().score();
        }
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            sink += predictor.predict(batches.get(i % batches.size())).getFirst().score();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "predictor batch of %d (1 thread, %,d calls): %,.0f rows/s, %.1f us per call%n",
                BATCH, calls, calls * BATCH / seconds, seconds / calls * 1e6);
        // Printed so that the JIT cannot drop the calls whose results nothing else reads.
        System.out.printf(Locale.ROOT, "(checksum %.3f)%n", sink);
    }

    /** Requests like an ad server's: every feature set, ids drawn from a few thousand values, prices spread widely. */
    private static List<Map<String, Object>> requests(Predictor predictor, SplittableRandom random) {
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < DISTINCT_REQUESTS; i++) {
            Map<String, Object> features = new HashMap<>();
            for (String field : predictor.categoricalFields()) {
                features.put(field, Integer.toString(random.nextInt(5000)));
            }
            for (String field : predictor.numericalFields()) {
                features.put(field, Math.exp(random.nextDouble(0, 6)));
            }
            requests.add(features);
        }
        return requests;
    }

    private static double percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e3;
    }
}
