package io.kaml.train;

/** Training cannot go on (a non-finite loss, an incompatible checkpoint); the message says where and why. */
public final class TrainingException extends RuntimeException {
    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
