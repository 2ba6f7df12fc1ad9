package io.kaml.spark;

import io.kaml.artifact.ArtifactException;
import io.kaml.data.DataException;
import io.kaml.train.TrainingException;
import org.apache.spark.SparkException;

/**
 * The user's failure inside Spark's: a task's bad row or lost replica reaches the driver wrapped in a
 * {@code SparkException} ("Job aborted due to stage failure: …"); the one-line error names the cause.
 */
final class SparkFailures {
    private SparkFailures() {
    }

    /**
     * The first kaml exception in the cause chain of {@code e}; else, for a failed Spark job, its first
     * line as a {@link TrainingException} (the executors' logs hold the rest); else {@code e}.
     */
    static Exception cause(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataException || t instanceof TrainingException || t instanceof ArtifactException
                    || t instanceof IllegalArgumentException) {
                return (Exception) t;
            }
        }
        if (e instanceof SparkException) {
            String message = String.valueOf(e.getMessage()).strip();
            int newline = message.indexOf('\n');
            return new TrainingException("the Spark job failed: " + (newline < 0 ? message : message.substring(0, newline))
                    + " (the executors' logs say more)", e);
        }
        return e;
    }
}
