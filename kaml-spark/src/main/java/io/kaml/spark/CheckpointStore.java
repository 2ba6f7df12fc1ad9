package io.kaml.spark;

import io.kaml.artifact.ArtifactException;
import io.kaml.train.Checkpoint;
import io.kaml.train.TrainingException;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The job's checkpoint, and replica 0's progress line, in a directory of any Hadoop filesystem (HDFS, S3, a local path): where a retried
 * barrier stage finds the step to resume from. A checkpoint is written to a local file, copied next to
 * the current one and only then put in its place, so a task killed while writing leaves the previous
 * complete checkpoint (or, killed between the two renames, a complete {@code .tmp}, which is read too).
 */
final class CheckpointStore implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final String NAME = "checkpoint.kaml";
    private static final String PROGRESS = "progress.txt";

    private final String directory;

    CheckpointStore(String directory) {
        this.directory = directory;
    }

    String describe() {
        return new Path(directory, NAME).toString();
    }

    /** Whether a checkpoint (or a complete replacement of one) is there. */
    boolean exists() {
        return call(fs -> fs.exists(file()) || fs.exists(tmp()));
    }

    /** The newest complete checkpoint, or null when there is none. */
    Checkpoint latest() {
        return call(fs -> {
            for (Path candidate : new Path[] {file(), tmp()}) {
                if (fs.exists(candidate)) {
                    java.nio.file.Path local = Files.createTempFile("kaml-checkpoint", ".kaml");
                    try {
                        fs.copyToLocalFile(false, candidate, new Path(local.toUri()), true);
                        return Checkpoint.read(local);
                    } catch (ArtifactException e) {
                        if (candidate.equals(file())) {
                            throw e;
                        }
                    } finally {
                        Files.deleteIfExists(local);
                    }
                }
            }
            return null;
        });
    }

    void write(Checkpoint checkpoint) {
        call(fs -> {
            java.nio.file.Path local = Files.createTempFile("kaml-checkpoint", ".kaml");
            try {
                checkpoint.write(local);
                fs.mkdirs(new Path(directory));
                fs.copyFromLocalFile(false, true, new Path(local.toUri()), tmp());
                fs.delete(file(), false);
                if (!fs.rename(tmp(), file())) {
                    throw new IOException("cannot rename " + tmp() + " to " + file());
                }
                return null;
            } finally {
                Files.deleteIfExists(local);
            }
        });
    }

    /** Replaces the one-line progress report that the driver shows while the stage runs. */
    void writeProgress(String line) {
        call(fs -> {
            try (var out = fs.create(new Path(directory, PROGRESS), true)) {
                out.write(line.getBytes(StandardCharsets.UTF_8));
            }
            return null;
        });
    }

    /** The last progress report, or null when there is none (yet). */
    String progress() {
        return call(fs -> {
            Path file = new Path(directory, PROGRESS);
            if (!fs.exists(file)) {
                return null;
            }
            try (var in = fs.open(file)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
    }

    /** Removes the checkpoint, after a job that completed, and the directory if nothing else is in it. */
    void clear() {
        call(fs -> {
            fs.delete(file(), false);
            fs.delete(tmp(), false);
            fs.delete(new Path(directory, PROGRESS), false);
            Path dir = new Path(directory);
            if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
                fs.delete(dir, false);
            }
            return null;
        });
    }

    private Path file() {
        return new Path(directory, NAME);
    }

    private Path tmp() {
        return new Path(directory, NAME + ".tmp");
    }

    @FunctionalInterface
    private interface FsCall<T> {
        T apply(FileSystem fs) throws IOException;
    }

    private <T> T call(FsCall<T> action) {
        try {
            FileSystem fs = file().getFileSystem(new Configuration());
            // The raw local filesystem: the checksummed one would leave a .crc file beside every checkpoint.
            return action.apply(fs instanceof LocalFileSystem local ? local.getRaw() : fs);
        } catch (UncheckedIOException e) {
            throw new TrainingException("checkpoint " + describe() + ": " + e.getCause().getMessage(), e);
        } catch (IOException e) {
            throw new TrainingException("checkpoint " + describe() + ": " + e.getMessage(), e);
        }
    }
}
