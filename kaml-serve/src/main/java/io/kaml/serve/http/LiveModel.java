package io.kaml.serve.http;

import io.kaml.serve.Predictor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model being served, swappable while requests run. A request reads {@link #current()} once and
 * scores every instance with that {@link Version}, so a reload never mixes two models in one response
 * and requests already running finish on the model they started with; the old model is freed when
 * the last of them is done. A new file is loaded and checked completely before it is swapped in, so a
 * corrupt or half-written file is refused and the old model keeps serving. Every model is warmed up
 * ({@link Predictor#warmUp()}) before it serves, so neither the first requests nor those after a
 * reload to another kind of backbone wait for the JIT.
 */
public final class LiveModel {
    /** One loaded model file; {@code generation} counts loads, starting at 1. */
    public record Version(Predictor predictor, long generation, Instant loadedAt) {
    }

    private final Path file;
    private final AtomicReference<Version> current;
    private final AtomicLong refused = new AtomicLong();

    private LiveModel(Path file, Version first) {
        this.file = file;
        this.current = new AtomicReference<>(first);
    }

    /** @throws io.kaml.artifact.ArtifactException naming what is wrong with the file */
    public static LiveModel load(Path file) {
        return new LiveModel(file, new Version(warm(Predictor.load(file)), 1, Instant.now()));
    }

    public Version current() {
        return current.get();
    }

    public Path file() {
        return file;
    }

    /**
     * Loads the model file again and swaps it in. Reloads run one at a time, so generations are
     * numbered in the order they were swapped in.
     *
     * @throws io.kaml.artifact.ArtifactException when the file cannot be loaded; the current model stays
     */
    public synchronized Version reload() {
        Predictor next;
        try {
            next = warm(Predictor.load(file));
        } catch (RuntimeException e) {
            refused.incrementAndGet();
            throw e;
        }
        Version version = new Version(next, current.get().generation() + 1, Instant.now());
        current.set(version);
        return version;
    }

    private static Predictor warm(Predictor predictor) {
        predictor.warmUp();
        return predictor;
    }

    /** Reloads refused because the file could not be loaded. */
    public long refusedReloads() {
        return refused.get();
    }
}
