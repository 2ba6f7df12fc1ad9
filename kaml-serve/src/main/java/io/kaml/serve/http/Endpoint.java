package io.kaml.serve.http;

/** The server's endpoints, as metrics label them; anything else is {@link #OTHER}. */
enum Endpoint {
    PREDICT("POST", "/v1/predict"),
    MODEL("GET", "/v1/model"),
    RELOAD("POST", "/v1/reload"),
    HEALTH("GET", "/health"),
    METRICS("GET", "/metrics"),
    OTHER("", "other");

    private final String method;
    private final String path;

    Endpoint(String method, String path) {
        this.method = method;
        this.path = path;
    }

    static Endpoint of(String path) {
        for (Endpoint e : values()) {
            if (e != OTHER && e.path.equals(path)) {
                return e;
            }
        }
        return OTHER;
    }

    String method() {
        return method;
    }

    String label() {
        return path;
    }

    /** Every endpoint as "METHOD /path", for the answer to an unknown path. */
    static String list() {
        StringBuilder s = new StringBuilder();
        for (Endpoint e : values()) {
            if (e != OTHER) {
                s.append(s.isEmpty() ? "" : ", ").append(e.method).append(' ').append(e.path);
            }
        }
        return s.toString();
    }
}
