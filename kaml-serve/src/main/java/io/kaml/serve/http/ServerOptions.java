package io.kaml.serve.http;

import java.time.Duration;

/**
 * How the prediction server listens, what it accepts and whom it answers.
 *
 * @param host            address to bind; the loopback default keeps a development server private
 * @param port            TCP port; 0 picks a free one (see {@link ModelServer#port()})
 * @param maxBodyBytes    largest request body accepted; larger ones get 413 before they are parsed
 * @param maxInstances    most instances in one predict request; more get 413
 * @param maxThreads      request threads; scoring is CPU-bound, so more than a few per core only queue
 * @param drain           how long a shutdown waits for in-flight requests before cutting them off
 * @param watch           reload the model whenever its file is replaced
 * @param bodyBudgetBytes most bytes of request bodies held in memory at once, over all connections; a
 *                        body that would exceed it gets 503, so no number of clients can exhaust the heap
 * @param maxConnections  most open connections; beyond it the server stops accepting until some close
 * @param idleTimeout     a connection with nothing to send or receive for this long is half-closed, and
 *                        closed when it stays idle as long again; a request whose body stalls this long gets 408
 * @param minBodyRate     bytes per second a request body must average once it has been arriving for
 *                        {@link BodyReader#GRACE} (slower ones get 408); 0 turns the check off
 * @param token           the bearer token that guards {@code /v1/reload}, or null for none
 * @param tokenEverywhere whether the token guards every endpoint but {@code /health}, not only reloads
 */
public record ServerOptions(String host, int port, int maxBodyBytes, int maxInstances, int maxThreads, Duration drain,
                            boolean watch, long bodyBudgetBytes, int maxConnections, Duration idleTimeout, int minBodyRate,
                            BearerToken token, boolean tokenEverywhere) {
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** A body is held in memory whole, so its limit has a ceiling. */
    public static final int MAX_BODY_BYTES = 1 << 28;
    public static final int DEFAULT_MAX_INSTANCES = 1000;
    public static final int DEFAULT_MAX_THREADS = 32;
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(10);
    /** The body budget is at most this, and at most an eighth of the heap: see {@link #defaultBodyBudget(int)}. */
    public static final long DEFAULT_BODY_BUDGET_CEILING = 64L << 20;
    /** Well above what ad servers keep open to a scoring service, well below a typical open-file limit. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** Jetty's own default; long enough for clients that keep connections alive between bursts. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MIN_BODY_RATE = 1024;

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
        if (bodyBudgetBytes < maxBodyBytes) {
            throw new IllegalArgumentException("the body budget (" + bodyBudgetBytes + " bytes) must hold at least one body of the largest size ("
                    + maxBodyBytes + " bytes)");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("the connection limit must be at least 1, got " + maxConnections);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive, got " + idleTimeout);
        }
        if (minBodyRate < 0) {
            throw new IllegalArgumentException("the minimum body rate cannot be negative, got " + minBodyRate);
        }
        if (tokenEverywhere && token == null) {
            throw new IllegalArgumentException("a token on every endpoint needs a token (from a file or an environment variable)");
        }
    }

    /** The listening and request limits, with the default guards (body budget, connections, timeouts) and no token. */
    public ServerOptions(String host, int port, int maxBodyBytes, int maxInstances, int maxThreads, Duration drain, boolean watch) {
        this(host, port, maxBodyBytes, maxInstances, maxThreads, drain, watch, defaultBodyBudget(maxBodyBytes), DEFAULT_MAX_CONNECTIONS,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_MIN_BODY_RATE, null, false);
    }

    /**
     * An eighth of this JVM's heap, at most {@value #DEFAULT_BODY_BUDGET_CEILING} bytes, and at least one
     * body of the largest size: bodies are a fraction of what parsing and scoring them takes.
     */
    public static long defaultBodyBudget(int maxBodyBytes) {
        return Math.max(maxBodyBytes, Math.min(DEFAULT_BODY_BUDGET_CEILING, Runtime.getRuntime().maxMemory() / 8));
    }

    /** Loopback on {@code port} with the default limits. */
    public static ServerOptions local(int port) {
        return new ServerOptions("127.0.0.1", port, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_INSTANCES, DEFAULT_MAX_THREADS, DEFAULT_DRAIN, false);
    }

    public ServerOptions withLimits(int bodyBytes, int instances) {
        return new ServerOptions(host, port, bodyBytes, instances, maxThreads, drain, watch, bodyBudgetBytes, maxConnections, idleTimeout,
                minBodyRate, token, tokenEverywhere);
    }

    public ServerOptions withWatch(boolean on) {
        return new ServerOptions(host, port, maxBodyBytes, maxInstances, maxThreads, drain, on, bodyBudgetBytes, maxConnections, idleTimeout,
                minBodyRate, token, tokenEverywhere);
    }

    public ServerOptions withBodyBudget(long bytes) {
        return new ServerOptions(host, port, maxBodyBytes, maxInstances, maxThreads, drain, watch, bytes, maxConnections, idleTimeout,
                minBodyRate, token, tokenEverywhere);
    }

    public ServerOptions withConnections(int max, Duration idle, int minBytesPerSecond) {
        return new ServerOptions(host, port, maxBodyBytes, maxInstances, maxThreads, drain, watch, bodyBudgetBytes, max, idle,
                minBytesPerSecond, token, tokenEverywhere);
    }

    /** Requires {@code bearer} on {@code /v1/reload}, and on every endpoint but {@code /health} when {@code everywhere}. */
    public ServerOptions withToken(BearerToken bearer, boolean everywhere) {
        return new ServerOptions(host, port, maxBodyBytes, maxInstances, maxThreads, drain, watch, bodyBudgetBytes, maxConnections,
                idleTimeout, minBodyRate, bearer, everywhere);
    }
}
