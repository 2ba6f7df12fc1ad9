package io.kaml.cli;

/** A problem the user can fix (a path, an option combination), reported without a stack trace. */
public final class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
