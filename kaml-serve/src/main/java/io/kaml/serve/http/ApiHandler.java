package io.kaml.serve.http;

import io.kaml.artifact.ArtifactException;
import io.kaml.serve.Prediction;
import io.kaml.serve.PredictionException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * waiting (see {@link BodyReader}). Large batches, and reloads, which read a model file from disk,
 * go to the thread pool.
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
    private final Consumer<String> log;

    ApiHandler(LiveModel model, ServeMetrics metrics, ServerOptions options, Consumer<String> log) {
        this.model = model;
        this.metrics = metrics;
        this.options = options;
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
        if (endpoint == Endpoint.OTHER) {
            exchange.respond(() -> {
                throw new ApiException(404, "no endpoint " + request.getMethod() + " " + exchange.path + " (endpoints: " + Endpoint.list() + ")");
            });
        } else if (!request.getMethod().equals(endpoint.method())) {
            exchange.respond(() -> new Reply(405, JSON, ApiJson.error(exchange.path + " answers " + endpoint.method() + " only, not " + request.getMethod()),
                    new HttpField(HttpHeader.ALLOW, endpoint.method())));
        } else if (endpoint == Endpoint.PREDICT) {
            BodyReader.read(request, options.maxBodyBytes(), body -> {
                if (body.length <= INLINE_BODY_BYTES) {
                    exchange.respond(() -> predict(body));
                } else {
                    request.getComponents().getExecutor().execute(() -> exchange.respond(() -> predict(body)));
                }
            }, refused -> exchange.respond(() -> {
                throw refused;
            }));
        } else if (endpoint == Endpoint.RELOAD) {
            request.getComponents().getExecutor().execute(() -> exchange.respond(this::reload));
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

    private Reply predict(byte[] body) {
        PredictRequest parsed = PredictRequest.parse(ApiJson.parse(body), options.maxInstances());
        // Read once: every instance of this request is scored by the same model, whatever reloads happen meanwhile.
        LiveModel.Version version = model.current();
        List<Prediction> predictions = version.predictor().predict(parsed.instances());
        metrics.scored(predictions.size());
        return new Reply(200, JSON, ApiJson.predictions(predictions),
                new HttpField(GENERATION_HEADER, Long.toString(version.generation())));
    }

    private Reply reload() {
        try {
            LiveModel.Version version = model.reload();
            log.accept("reloaded " + model.file() + " on request: now serving generation " + version.generation());
            return Reply.json(200, ApiJson.reloaded(model, version));
        } catch (ArtifactException e) {
            String message = "reload refused, still serving generation " + model.current().generation() + ": " + e.getMessage();
            log.accept(message);
            throw new ApiException(422, message);
        }
    }
}
