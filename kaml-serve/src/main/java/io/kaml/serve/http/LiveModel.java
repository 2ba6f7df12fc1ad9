package io.kaml.serve.http;

import io.kaml.serve.Predictor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 *
 * <p>Reloads are single-flight: at most one load runs, and every reload asked for while it runs shares
 * the one load that starts after it. So each caller gets a load that began after it asked (and saw the
 * file as it was then), and thirty callers at once cost two loads, not thirty.
 */
public final class LiveModel {
    /** One loaded model file; {@code generation} counts loads, starting at 1. */
    public record Version(Predictor predictor, long generation, Instant loadedAt) {
    }

    private final Path file;
    private final boolean allowMissing;
    private final AtomicReference<Version> current;
    private final AtomicLong refused = new AtomicLong();
    private final Object loads = new Object();
    /** The load running now, or null; guarded by {@code loads}. */
    private CompletableFuture<Version> running;
    /** The load to start when the running one ends, shared by everyone who asked meanwhile, or null; guarded by {@code loads}. */
    private CompletableFuture<Version> next;

    private LiveModel(Path file, boolean allowMissing, Version first) {
        this.file = file;
        this.allowMissing = allowMissing;
        this.current = new AtomicReference<>(first);
    }

    /** @throws io.kaml.artifact.ArtifactException naming what is wrong with the file */
    public static LiveModel load(Path file) {
        return load(file, false);
    }

    /**
     * As {@link #load(Path)}; every load of the file, reloads too, scores rows missing features that training
     * never saw missing when {@code allowMissing} (see {@link Predictor#load(Path, boolean)}).
     */
    public static LiveModel load(Path file, boolean allowMissing) {
        return new LiveModel(file, allowMissing, new Version(warm(Predictor.load(file, allowMissing)), 1, Instant.now()));
    }

    public Version current() {
        return current.get();
    }

    public Path file() {
        return file;
    }

    /**
     * Loads the model file again and swaps it in, waiting for the outcome.
     *
     * @throws io.kaml.artifact.ArtifactException when the file cannot be loaded; the current model stays
     */
    public Version reload() {
        try {
            return requestReload().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Asks for a reload without waiting: the result completes, on the loading thread, with the new version
     * or the load's {@link io.kaml.artifact.ArtifactException}. Callers that ask while a load runs share
     * the next one, so they receive the same outcome.
     */
    public CompletableFuture<Version> requestReload() {
        synchronized (loads) {
            if (running == null) {
                running = new CompletableFuture<>();
                start(running);
                return running;
            }
            if (next == null) {
                next = new CompletableFuture<>();
            }
            return next;
        }
    }

    /** Loads on a thread of its own: a reload is rare, and a pool thread blocked for a second of loading would serve no requests. */
    private void start(CompletableFuture<Version> load) {
        Thread.ofPlatform().name("kaml-model-loader").daemon().start(() -> {
            Version version = null;
            Throwable failure = null;
            try {
                version = swapIn();
            } catch (Throwable e) {
                // Whatever goes wrong (a bad file, or no memory for a large model), the callers must hear of it.
                refused.incrementAndGet();
                failure = e;
            }
            synchronized (loads) {
                running = next;
                next = null;
                if (running != null) {
                    start(running);
                }
            }
            if (failure == null) {
                load.complete(version);
            } else {
                load.completeExceptionally(failure);
            }
        });
    }

    private Version swapIn() {
        Predictor loaded = warm(Predictor.load(file, allowMissing));
        Version version = new Version(loaded, current.get().generation() + 1, Instant.now());
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
