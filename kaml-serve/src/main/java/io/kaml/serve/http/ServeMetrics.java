package io.kaml.serve.http;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's counters in the Prometheus text format ({@code GET /metrics}): requests by endpoint and
 * status code (so errors by status), a latency histogram per endpoint, instances scored, requests in
 * flight, request-body bytes held against the body budget, and the model generation and refused
 * reloads. Recording is a few lock-free additions, cheap enough for every request.
 */
final class ServeMetrics {
    /** Upper bounds of the latency buckets in seconds: 50 µs to 2.5 s, dense where serving latency lives. */
    private static final double[] BOUNDS = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
            0.1, 0.25, 0.5, 1, 2.5};
    private static final int STATUSES = 600;

    private final long[] boundNanos = new long[BOUNDS.length];
    private final AtomicLongArray[] byStatus = new AtomicLongArray[Endpoint.values().length];
    private final LongAdder[][] latency = new LongAdder[Endpoint.values().length][BOUNDS.length + 1];
    private final LongAdder[] latencyNanos = new LongAdder[Endpoint.values().length];
    private final LongAdder instances = new LongAdder();
    private final LongAdder inFlight = new LongAdder();
    private final BodyBudget budget;

    ServeMetrics(BodyBudget budget) {
        this.budget = budget;
        for (int b = 0; b < BOUNDS.length; b++) {
            boundNanos[b] = Math.round(BOUNDS[b] * 1e9);
        }
        for (int e = 0; e < byStatus.length; e++) {
            byStatus[e] = new AtomicLongArray(STATUSES);
            latencyNanos[e] = new LongAdder();
            for (int b = 0; b <= BOUNDS.length; b++) {
                latency[e][b] = new LongAdder();
            }
        }
    }

    void started() {
        inFlight.increment();
    }

    /** One finished request: its status and the nanoseconds from reaching the handler to its response being handed over. */
    void finished(Endpoint endpoint, int status, long nanos) {
        inFlight.decrement();
        int e = endpoint.ordinal();
        byStatus[e].incrementAndGet(status >= 0 && status < STATUSES ? status : 0);
        int b = 0;
        while (b < boundNanos.length && nanos > boundNanos[b]) {
            b++;
        }
        latency[e][b].increment();
        latencyNanos[e].add(nanos);
    }

    void scored(int count) {
        instances.add(count);
    }

    String render(LiveModel model) {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP kaml_http_requests_total HTTP requests answered, by endpoint and status code.\n");
        out.append("# TYPE kaml_http_requests_total counter\n");
        for (Endpoint endpoint : Endpoint.values()) {
            AtomicLongArray counts = byStatus[endpoint.ordinal()];
            for (int status = 0; status < STATUSES; status++) {
                long n = counts.get(status);
                if (n > 0) {
                    out.append("kaml_http_requests_total{endpoint=\"").append(endpoint.label()).append("\",status=\"")
                            .append(status).append("\"} ").append(n).append('\n');
                }
            }
        }
        out.append("# HELP kaml_http_request_duration_seconds Time from a request reaching the handler to its response being handed to the connection.\n");
        out.append("# TYPE kaml_http_request_duration_seconds histogram\n");
        for (Endpoint endpoint : Endpoint.values()) {
            histogram(out, endpoint);
        }
        single(out, "kaml_predicted_instances_total", "counter", "Instances scored by /v1/predict.", instances.sum());
        single(out, "kaml_http_requests_in_flight", "gauge", "Requests being handled now.", inFlight.sum());
        single(out, "kaml_http_request_body_bytes_held", "gauge", "Bytes of request bodies held in memory now; at the body budget ("
                + budget.limit() + " bytes) more bodies get 503.", budget.held());
        single(out, "kaml_model_generation", "gauge", "Loads of the model file so far, counting the first; each successful reload adds one.",
                model.current().generation());
        single(out, "kaml_model_reloads_refused_total", "counter", "Reloads refused because the new file could not be loaded (the old model kept serving).",
                model.refusedReloads());
        return out.toString();
    }

    private void histogram(StringBuilder out, Endpoint endpoint) {
        LongAdder[] buckets = latency[endpoint.ordinal()];
        long total = 0;
        for (LongAdder bucket : buckets) {
            total += bucket.sum();
        }
        if (total == 0) {
            return;
        }
        String label = "{endpoint=\"" + endpoint.label() + "\"";
        long cumulative = 0;
        for (int b = 0; b <= BOUNDS.length; b++) {
            cumulative += buckets[b].sum();
            String le = b < BOUNDS.length ? BigDecimal.valueOf(BOUNDS[b]).stripTrailingZeros().toPlainString() : "+Inf";
            out.append("kaml_http_request_duration_seconds_bucket").append(label).append(",le=\"").append(le).append("\"} ")
                    .append(cumulative).append('\n');
        }
        out.append("kaml_http_request_duration_seconds_sum").append(label).append("} ")
                .append(String.format(Locale.ROOT, "%.9f", latencyNanos[endpoint.ordinal()].sum() / 1e9)).append('\n');
        out.append("kaml_http_request_duration_seconds_count").append(label).append("} ").append(cumulative).append('\n');
    }

    private static void single(StringBuilder out, String name, String type, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append(' ').append(value).append('\n');
    }
}
