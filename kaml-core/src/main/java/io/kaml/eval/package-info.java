/**
 * Evaluation of CVR predictions as METHOD §7 defines it: per-action AUC and LogLoss on each
 * action's deployment distribution, the pooled "all" row, advertiser-weighted GAUC, RelaImpr, and,
 * for simulated data, metrics against the ground truth.
 *
 * <p>Metrics that are undefined on their input (AUC with one class, the mean of nothing) return
 * {@link java.lang.Double#NaN}, which {@link io.kaml.eval.MetricsReport} writes as JSON {@code null}.
 * Inputs that can only come from a bug (mismatched lengths, NaN scores) throw
 * {@link java.lang.IllegalArgumentException}.
 */
package io.kaml.eval;
