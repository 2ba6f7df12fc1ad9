package io.kaml.spark;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * On the driver, while the barrier stage runs: prints replica 0's progress line whenever it changes,
 * polling the checkpoint directory every {@code periodMillis}. A failed read is skipped: the job, not the
 * progress line, decides success.
 */
final class ProgressWatch implements AutoCloseable {
    private final Thread thread;

    ProgressWatch(CheckpointStore store, long periodMillis, PrintWriter err) {
        thread = Thread.ofPlatform().daemon().name("kaml-progress").start(() -> {
            String shown = null;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(periodMillis);
                    String line = store.progress();
                    if (line != null && !Objects.equals(line, shown)) {
                        err.println("kaml-spark: " + line);
                        err.flush();
                        shown = line;
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the next poll tries again
                }
            }
        });
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
