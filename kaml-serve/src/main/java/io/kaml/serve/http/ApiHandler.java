package io.kaml.serve.http;

import io.kaml.artifact.ArtifactException;
import io.kaml.serve.Prediction;
import io.kaml.serve.PredictionException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers every request of the API. Whatever a client sends, the answer is a status and a JSON body:
 * a problem with the request is a 4xx whose {@code error} names it, and a bug is a 500 that is logged
 * with its stack trace; no request can stop the server.
 *
 * <p>The handler never blocks, so Jetty may run it on the thread that parsed the request, with no
 * hand-off to another thread: scoring a small request is short CPU work, and the body is read without
 * waiting (see {@link BodyReader}). Large batches go to the thread pool; a reload is answered when the
 * model's loading thread is done (see {@link LiveModel#requestReload()}).
 *
 * <p>With a {@link BearerToken} configured, a request to a guarded endpoint without it gets 401 before
 * anything else is looked at.
 */
final class ApiHandler extends Handler.Abstract.NonBlocking {
    static final String GENERATION_HEADER = "X-Kaml-Model-Generation";
    private static final String JSON = "application/json";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    /**
     * Bodies up to this size (a few dozen instances, well under a millisecond of scoring) are scored
     * on the thread that read them; larger batches go to the thread pool, so that a selector thread is
     * never busy long while other connections' requests wait on it.
     */
    private static final int INLINE_BODY_BYTES = 16 * 1024;

    private final LiveModel model;
    private final ServeMetrics metrics;
    private final ServerOptions options;
    private final BodyBudget budget;
    private final Consumer<String> log;
    /** Requests that joined one load share its outcome: these make sure it is logged once, not once per request. */
    private final AtomicLong loggedGeneration = new AtomicLong(1);
    private final AtomicReference<Throwable> loggedRefusal = new AtomicReference<>();

    ApiHandler(LiveModel model, ServeMetrics metrics, ServerOptions options, BodyBudget budget, Consumer<String> log) {
        this.model = model;
        this.metrics = metrics;
        this.options = options;
        this.budget = budget;
        this.log = log;
    }

    /** A response: status, body and at most one extra header. */
    private record Reply(int status, String contentType, byte[] body, HttpField header) {
        static Reply json(int status, byte[] body) {
            return new Reply(status, JSON, body, null);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback, System.nanoTime());
        metrics.started();
        Endpoint endpoint = exchange.endpoint;
        Reply unauthorized = unauthorized(request, exchange);
        if (unauthorized != null) {
            exchange.respond(() -> unauthorized);
        } else if (endpoint == Endpoint.OTHER) {
            exchange.respond(() -> {
                throw new ApiException(404, "no endpoint " + request.getMethod() + " " + exchange.path + " (endpoints: " + Endpoint.list() + ")");
            });
        } else if (!request.getMethod().equals(endpoint.method())) {
            exchange.respond(() -> new Reply(405, JSON, ApiJson.error(exchange.path + " answers " + endpoint.method() + " only, not " + request.getMethod()),
                    new HttpField(HttpHeader.ALLOW, endpoint.method())));
        } else if (endpoint == Endpoint.PREDICT) {
            BodyReader.read(request, options, budget, body -> {
                if (body.length() <= INLINE_BODY_BYTES) {
                    exchange.respond(() -> predict(body));
                } else {
                    request.getComponents().getExecutor().execute(() -> exchange.respond(() -> predict(body)));
                }
            }, refused -> exchange.respond(() -> {
                throw refused;
            }));
        } else if (endpoint == Endpoint.RELOAD) {
            model.requestReload().whenComplete((version, failure) -> exchange.respond(() -> reloaded(version, failure)));
        } else {
            exchange.respond(() -> answer(endpoint));
        }
        return true;
    }

    /** One request and what is needed to answer it once its reply is known. */
    private final class Exchange {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long start;
        private final String path;
        private final Endpoint endpoint;

        Exchange(Request request, Response response, Callback callback, long start) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.start = start;
            this.path = Request.getPathInContext(request);
            this.endpoint = Endpoint.of(path);
        }

        void respond(Supplier<Reply> work) {
            Reply reply;
            try {
                reply = work.get();
            } catch (ApiException e) {
                if (e.status() == 500) {
                    log.accept("refused " + request.getMethod() + " " + path + " with 500: " + e.getMessage());
                }
                reply = Reply.json(e.status(), ApiJson.error(e.getMessage()));
            } catch (PredictionException e) {
                reply = Reply.json(400, ApiJson.error(e.getMessage()));
            } catch (RuntimeException e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                log.accept("internal error on " + request.getMethod() + " " + path + ": " + trace);
                reply = Reply.json(500, ApiJson.error("internal error (a bug in kaml; the server logged it): " + e));
            }
            metrics.finished(endpoint, reply.status(), System.nanoTime() - start);
            response.setStatus(reply.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
            if (reply.header() != null) {
                response.getHeaders().put(reply.header());
            }
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
        }
    }

    private Reply answer(Endpoint endpoint) {
        return switch (endpoint) {
            case MODEL -> Reply.json(200, ApiJson.model(model, options));
            case HEALTH -> Reply.json(200, ApiJson.health(model));
            case METRICS -> new Reply(200, PROMETHEUS, metrics.render(model).getBytes(StandardCharsets.UTF_8), null);
            case PREDICT, RELOAD, OTHER -> throw new IllegalStateException(endpoint + " is answered in handle()");
        };
    }

    /** The 401 for a request to a guarded endpoint without the right token, or null when it may go on. */
    private Reply unauthorized(Request request, Exchange exchange) {
        BearerToken token = options.token();
        Endpoint endpoint = exchange.endpoint;
        boolean guarded = token != null && (endpoint == Endpoint.RELOAD || options.tokenEverywhere() && endpoint != Endpoint.HEALTH);
        String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (!guarded || token.matches(given)) {
            return null;
        }
        String problem = given == null ? "needs the header 'Authorization: Bearer <token>'" : "the Authorization header does not carry the right bearer token";
        String challenge = given == null ? "Bearer realm=\"kaml\"" : "Bearer realm=\"kaml\", error=\"invalid_token\"";
        return new Reply(401, JSON, ApiJson.error(exchange.path + ": " + problem + " (the token the server was started with)"),
                new HttpField(HttpHeader.WWW_AUTHENTICATE, challenge));
    }

    private Reply predict(BodyReader.Body body) {
        try (body) {
            PredictRequest parsed = PredictRequest.parse(ApiJson.parse(body.bytes(), body.length()), options.maxInstances());
            // Read once: every instance of this request is scored by the same model, whatever reloads happen meanwhile.
            LiveModel.Version version = model.current();
            List<Prediction> predictions = version.predictor().predict(parsed.instances());
            metrics.scored(predictions.size());
            return new Reply(200, JSON, ApiJson.predictions(predictions),
                    new HttpField(GENERATION_HEADER, Long.toString(version.generation())));
        }
    }

    /** The answer to a reload from the outcome of the load it joined. */
    private Reply reloaded(LiveModel.Version version, Throwable failure) {
        if (failure == null) {
            if (loggedGeneration.getAndAccumulate(version.generation(), Math::max) < version.generation()) {
                log.accept("reloaded " + model.file() + " on request: now serving generation " + version.generation());
            }
            return Reply.json(200, ApiJson.reloaded(model, version));
        }
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (!(cause instanceof ArtifactException)) {
            throw new IllegalStateException("reload failed: " + cause, cause);
        }
        String message = "reload refused, still serving generation " + model.current().generation() + ": " + cause.getMessage();
        if (loggedRefusal.getAndSet(cause) != cause) {
            log.accept(message);
        }
        throw new ApiException(422, message.replace(model.file().toString(), ApiJson.fileName(model.file())));
    }
}
