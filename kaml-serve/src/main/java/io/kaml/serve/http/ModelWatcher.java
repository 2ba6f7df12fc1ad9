package io.kaml.serve.http;

import io.kaml.artifact.ArtifactException;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reloads the served model when its file changes ({@code kaml serve --watch}). The directory is
 * watched rather than the file, because {@code kaml train} replaces a model by renaming a new file over
 * it. A plain copy writes the file in several steps, so a reload waits until the file has been quiet
 * for a moment; should it still catch a half-written file, the checksum refuses it and the next
 * change is tried again.
 */
final class ModelWatcher implements AutoCloseable {
    private static final long QUIET_MILLIS = 200;

    private final LiveModel model;
    private final Consumer<String> log;
    private final WatchService watch;
    private final Path name;
    private final Thread thread;

    private ModelWatcher(LiveModel model, Consumer<String> log) throws IOException {
        this.model = model;
        this.log = log;
        Path file = model.file().toAbsolutePath();
        this.name = file.getFileName();
        this.watch = FileSystems.getDefault().newWatchService();
        file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        this.thread = Thread.ofPlatform().name("kaml-model-watcher").daemon().unstarted(this::run);
    }

    static ModelWatcher start(LiveModel model, Consumer<String> log) throws IOException {
        ModelWatcher watcher = new ModelWatcher(model, log);
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        try {
            while (true) {
                if (concernsModel(watch.take())) {
                    while (true) {
                        WatchKey more = watch.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
                        if (more == null) {
                            break;
                        }
                        concernsModel(more);
                    }
                    reload();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // close() was called: the server is stopping.
        }
    }

    private boolean concernsModel(WatchKey key) {
        boolean ours = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            ours |= event.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(event.context());
        }
        key.reset();
        return ours;
    }

    private void reload() {
        try {
            LiveModel.Version version = model.reload();
            log.accept("reloaded " + model.file() + " after it changed: now serving generation " + version.generation());
        } catch (ArtifactException e) {
            log.accept("reload after a change refused, still serving generation " + model.current().generation() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        watch.close();
        thread.interrupt();
    }
}
