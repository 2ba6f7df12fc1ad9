package io.kaml.serve.http;

/** A request the server refuses, with the HTTP status to answer and a message naming the problem. */
final class ApiException extends RuntimeException {
    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
