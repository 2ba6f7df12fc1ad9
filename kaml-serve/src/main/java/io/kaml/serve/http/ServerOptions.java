package io.kaml.serve.http;

import java.time.Duration;

/**
 * How the prediction server listens and what it accepts.
 *
 * @param host         address to bind; the loopback default keeps a development server private
 * @param port         TCP port; 0 picks a free one (see {@link ModelServer#port()})
 * @param maxBodyBytes largest request body accepted; larger ones get 413 before they are parsed
 * @param maxInstances most instances in one predict request; more get 413
 * @param maxThreads   request threads; scoring is CPU-bound, so more than a few per core only queue
 * @param drain        how long a shutdown waits for in-flight requests before cutting them off
 * @param watch        reload the model whenever its file is replaced
 */
public record ServerOptions(String host, int port, int maxBodyBytes, int maxInstances, int maxThreads, Duration drain,
                            boolean watch) {
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** A body is held in memory whole, so its limit has a ceiling. */
    public static final int MAX_BODY_BYTES = 1 << 28;
    public static final int DEFAULT_MAX_INSTANCES = 1000;
    public static final int DEFAULT_MAX_THREADS = 32;
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(10);

    public ServerOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("the body limit must be 1 to " + MAX_BODY_BYTES + " bytes, got " + maxBodyBytes);
        }
        if (maxInstances < 1) {
            throw new IllegalArgumentException("the instance limit must be at least 1, got " + maxInstances);
        }
        // Jetty needs a few threads for accepting and selecting besides the ones that handle requests.
        if (maxThreads < 8) {
            throw new IllegalArgumentException("the server needs at least 8 threads, got " + maxThreads);
        }
        if (drain.isNegative()) {
            throw new IllegalArgumentException("the drain time cannot be negative, got " + drain);
        }
    }

    /** Loopback on {@code port} with the default limits. */
    public static ServerOptions local(int port) {
        return new ServerOptions("127.0.0.1", port, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_INSTANCES, DEFAULT_MAX_THREADS, DEFAULT_DRAIN, false);
    }

    public ServerOptions withLimits(int bodyBytes, int instances) {
        return new ServerOptions(host, port, bodyBytes, instances, maxThreads, drain, watch);
    }

    public ServerOptions withWatch(boolean on) {
        return new ServerOptions(host, port, maxBodyBytes, maxInstances, maxThreads, drain, on);
    }
}
