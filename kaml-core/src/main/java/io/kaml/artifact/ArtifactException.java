package io.kaml.artifact;

/** A model file that cannot be read or written; the message says what is wrong with it. */
public final class ArtifactException extends RuntimeException {
    public ArtifactException(String message) {
        super(message);
    }

    public ArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
