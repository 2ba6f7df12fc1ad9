/**
 * Engine benchmark: {@link io.kaml.bench.EngineBenchmark} trains and serves the reference model on
 * {@link io.kaml.bench.SyntheticData} and reports speed figures against the engine issue's targets
 * ({@link io.kaml.bench.BenchmarkResult}). Speed only: the generated labels carry no signal. Timing
 * belongs here and in {@code kaml bench}, never in unit tests.
 */
package io.kaml.bench;
