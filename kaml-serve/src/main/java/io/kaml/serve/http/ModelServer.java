package io.kaml.serve.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP prediction server ({@code kaml serve}) on Jetty's core API, without servlets: a thin layer
 * that costs little per request. {@link #close()} shuts down gracefully: it stops accepting
 * connections, answers 503 to new requests on open ones, and waits up to the drain time for the
 * requests already running to finish.
 *
 * <p>No client can take the server down or keep it from answering others for long: request bodies
 * count against a {@link BodyBudget}; connections are limited ({@link ServerOptions#maxConnections()}),
 * and at the limit the server stops accepting and gives idle connections only {@link #IDLE_AT_LIMIT}
 * instead of {@link ServerOptions#idleTimeout()}, so the slots of clients that hold connections
 * without using them come free within seconds. Jetty half-closes a connection when it has been idle
 * that long and closes it when it stays idle as long again, so a client that ignores the half-close
 * holds its connection for two idle periods.
 *
 * <ul>
 *   <li>{@code POST /v1/predict} scores instances;</li>
 *   <li>{@code GET /v1/model} describes the model and the schema a client must send;</li>
 *   <li>{@code POST /v1/reload} swaps in the model file anew (also on a change with {@code --watch});</li>
 *   <li>{@code GET /health} and {@code GET /metrics} (Prometheus) are for operations.</li>
 * </ul>
 */
public final class ModelServer implements AutoCloseable {
    /**
     * How long a connection may stay idle while the connection limit is reached: short, since then
     * clients wait to connect, and a client whose connection is closed connects again when it needs to.
     */
    static final Duration IDLE_AT_LIMIT = Duration.ofSeconds(1);

    private final Server server;
    private final ServerConnector connector;
    private final LiveModel model;
    private final GracefulHandler graceful;
    private final BodyBudget budget;
    private final ModelWatcher watcher;
    private final Consumer<String> log;

    private ModelServer(LiveModel model, ServerOptions options, Consumer<String> log) throws IOException {
        this.model = model;
        this.log = log;
        QueuedThreadPool threads = new QueuedThreadPool(options.maxThreads(), Math.min(8, options.maxThreads()));
        threads.setName("kaml-serve");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // The handler does not block, so a selector thread can answer its connections' requests itself:
        // one selector per core keeps every core busy without handing requests between threads.
        connector = new ServerConnector(server, 1, Runtime.getRuntime().availableProcessors(), new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(options.idleTimeout().toMillis());
        server.addConnector(connector);
        NetworkConnectionLimit limit = new NetworkConnectionLimit(options.maxConnections(), connector);
        limit.setEndPointIdleTimeout(Math.min(IDLE_AT_LIMIT.toMillis(), options.idleTimeout().toMillis()));
        server.addBean(limit);
        budget = new BodyBudget(options.bodyBudgetBytes());
        graceful = new GracefulHandler(new ApiHandler(model, new ServeMetrics(budget), options, budget, log));
        server.setHandler(graceful);
        server.setStopTimeout(options.drain().toMillis());
        watcher = options.watch() ? ModelWatcher.start(model, log) : null;
    }

    /**
     * Starts serving {@code model}; returns once the port is bound.
     *
     * @param log where notable events go (reloads, refused reloads, internal errors, the drain)
     * @throws IOException when the address cannot be bound or the model's directory cannot be watched
     */
    public static ModelServer start(LiveModel model, ServerOptions options, Consumer<String> log) throws IOException {
        ModelServer served = new ModelServer(model, options, log);
        try {
            served.server.start();
        } catch (Exception e) {
            served.close();
            throw new IOException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        return served;
    }

    /** The port bound, useful when the options asked for port 0. */
    public int port() {
        return connector.getLocalPort();
    }

    public URI uri() {
        return URI.create("http://" + connector.getHost() + ":" + port());
    }

    public LiveModel model() {
        return model;
    }

    /** Requests being handled now. */
    public long inFlight() {
        return graceful.getCurrentRequestCount();
    }

    /** Bytes of request bodies held in memory now. */
    long bodyBytesHeld() {
        return budget.held();
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops gracefully: running requests finish (up to the drain time), new ones are refused. */
    @Override
    public void close() {
        try {
            if (watcher != null) {
                watcher.close();
            }
            server.stop();
        } catch (TimeoutException e) {
            log.accept("stopped without waiting longer: " + graceful.getCurrentRequestCount() + " requests were still running after the drain time");
        } catch (Exception e) {
            log.accept("error while stopping: " + e);
        }
    }
}
