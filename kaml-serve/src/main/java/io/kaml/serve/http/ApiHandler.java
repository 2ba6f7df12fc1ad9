package io.kaml.serve.http;

import io.kaml.artifact.ArtifactException;
import io.kaml.serve.Prediction;
import io.kaml.serve.PredictionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers every request of the API. Whatever a client sends, the answer is a status and a JSON body:
 * a problem with the request is a 4xx whose {@code error} names it, and a bug is a 500 that is logged
 * with its stack trace; no request can stop the server.
 */
final class ApiHandler extends Handler.Abstract {
    static final String GENERATION_HEADER = "X-Kaml-Model-Generation";
    private static final String JSON = "application/json";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

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
        long start = System.nanoTime();
        metrics.started();
        String path = Request.getPathInContext(request);
        Endpoint endpoint = Endpoint.of(path);
        Reply reply;
        try {
            reply = answer(endpoint, path, request);
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
        return true;
    }

    private Reply answer(Endpoint endpoint, String path, Request request) {
        if (endpoint == Endpoint.OTHER) {
            throw new ApiException(404, "no endpoint " + request.getMethod() + " " + path + " (endpoints: " + Endpoint.list() + ")");
        }
        if (!request.getMethod().equals(endpoint.method())) {
            return new Reply(405, JSON, ApiJson.error(path + " answers " + endpoint.method() + " only, not " + request.getMethod()),
                    new HttpField(HttpHeader.ALLOW, endpoint.method()));
        }
        return switch (endpoint) {
            case PREDICT -> predict(request);
            case MODEL -> Reply.json(200, ApiJson.model(model, options));
            case RELOAD -> reload();
            case HEALTH -> Reply.json(200, ApiJson.health(model));
            case METRICS -> new Reply(200, PROMETHEUS, metrics.render(model).getBytes(StandardCharsets.UTF_8), null);
            case OTHER -> throw new IllegalStateException("unknown endpoints are answered above");
        };
    }

    private Reply predict(Request request) {
        PredictRequest parsed = PredictRequest.parse(ApiJson.parse(body(request)), options.maxInstances());
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

    /** The request body, refused with 413 past the limit: at once when its declared length says so, else once that many bytes arrived. */
    private byte[] body(Request request) {
        int max = options.maxBodyBytes();
        long declared = request.getLength();
        if (declared > max) {
            throw tooLarge(declared + " bytes");
        }
        byte[] body;
        try {
            // Not closed: closing would fail the rest of a body that is refused as too large, and Jetty
            // deals with unread content when the response completes.
            InputStream in = Content.Source.asInputStream(request);
            body = in.readNBytes(max + 1);
        } catch (IOException e) {
            throw new ApiException(400, "body: could not be read: " + e.getMessage());
        }
        if (body.length > max) {
            throw tooLarge("more than " + max + " bytes");
        }
        return body;
    }

    private ApiException tooLarge(String size) {
        return new ApiException(413, "body: " + size + " exceed the limit of " + options.maxBodyBytes()
                + " bytes (the server's --max-body-bytes)");
    }
}
