package io.kaml.cli;

import io.kaml.serve.Predictor;
import io.kaml.serve.http.BearerToken;
import io.kaml.serve.http.LiveModel;
import io.kaml.serve.http.ModelServer;
import io.kaml.serve.http.ServerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a saved model over HTTP: JSON predictions for an ad server, with hot reload and metrics.",
                "",
                "POST /v1/predict with {\"instances\": [{\"features\": {\"user_id\": \"u42\", \"price\": 58.3, ...}, \"target\": \"payment\"}]} "
                        + "answers {\"predictions\": [{\"score\": p, \"actions\": {\"activation\": p, ...}}]}, the scores 'kaml predict' writes "
                        + "(score is null without a target). A feature left out (or null or \"\") is missing, as an empty cell is in "
                        + "training; it is a 400 naming it when training never saw that feature missing, unless --allow-missing. An "
                        + "unknown feature or action, or a value of the wrong type, is a 400 naming it.",
                "",
                "GET /v1/model describes the features, actions, model and provenance; POST /v1/reload loads the model file anew "
                        + "and swaps it in atomically (requests running finish on the old model; a corrupt file is refused and the old "
                        + "model keeps serving); GET /health; GET /metrics in the Prometheus text format. SIGTERM or Ctrl-C stops "
                        + "gracefully: requests in flight are answered first.",
                "",
                "Limits keep abusive or broken clients from wedging it: request body size and a budget over all bodies, a "
                        + "connection limit, idle and slow-body timeouts. With --token-file or --token-env, POST /v1/reload (or "
                        + "every endpoint but /health, with --token-everywhere) needs 'Authorization: Bearer <token>'."},
        footer = {"", "Examples:",
                "  ./kaml serve --model m.kaml --port 8080",
                "  ./kaml serve --model /models/cvr.kaml --host 0.0.0.0 --port 8080 --watch",
                "  # also score instances missing features the model did not learn missing:",
                "  ./kaml serve --model m.kaml --allow-missing",
                "  curl -s localhost:8080/v1/predict -d '{\"instances\": [",
                "      {\"features\": {\"user_id\": \"u42\", ...}, \"target\": \"payment\"}]}'"})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model file written by 'kaml train'.")
    Path model;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-body-bytes", paramLabel = "N", description = "Largest request body accepted; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    int maxBodyBytes = ServerOptions.DEFAULT_MAX_BODY_BYTES;

    @Option(names = "--max-instances", paramLabel = "N", description = "Most instances in one predict request; more get 413 (default: ${DEFAULT-VALUE}).")
    int maxInstances = ServerOptions.DEFAULT_MAX_INSTANCES;

    @Option(names = "--threads", paramLabel = "N", description = "Most server threads (default: ${DEFAULT-VALUE}).")
    int threads = ServerOptions.DEFAULT_MAX_THREADS;

    @Option(names = "--drain-seconds", paramLabel = "N",
            description = "On shutdown, how long to wait for requests in flight before cutting them off (default: ${DEFAULT-VALUE}).")
    long drainSeconds = ServerOptions.DEFAULT_DRAIN.toSeconds();

    @Option(names = "--watch", description = "Also reload the model whenever its file is replaced.")
    boolean watch;

    @Option(names = "--body-budget-bytes", paramLabel = "N",
            description = "Most bytes of request bodies held at once over all connections; a body beyond it gets 503 "
                    + "(default: an eighth of the heap, at most 64 MiB, at least one --max-body-bytes).")
    Long bodyBudgetBytes;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Most open connections; beyond it the server stops accepting until some close (default: ${DEFAULT-VALUE}).")
    int maxConnections = ServerOptions.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--idle-timeout-seconds", paramLabel = "N",
            description = "A connection idle this long is closed; a request body stalled this long gets 408 (default: ${DEFAULT-VALUE}).")
    long idleSeconds = ServerOptions.DEFAULT_IDLE_TIMEOUT.toSeconds();

    @Option(names = "--min-body-rate", paramLabel = "BYTES_PER_S",
            description = "Slowest average a request body may arrive at after its first 2 s, else 408; 0 turns it off (default: ${DEFAULT-VALUE}).")
    int minBodyRate = ServerOptions.DEFAULT_MIN_BODY_RATE;

    @Option(names = "--allow-missing",
            description = "Score instances missing a feature that training never saw missing, from an input training never shaped, "
                    + "instead of answering 400 (GET /v1/model lists the features that may be missing without it).")
    boolean allowMissing;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Require this bearer token (the file's content) on POST /v1/reload: 'Authorization: Bearer <token>'.")
    Path tokenFile;

    @Option(names = "--token-env", paramLabel = "NAME",
            description = "As --token-file, the token taken from environment variable NAME (never from the command line).")
    String tokenEnv;

    @Option(names = "--token-everywhere", description = "Require the token on every endpoint but GET /health, not only on reload.")
    boolean tokenEverywhere;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = command.commandLine().getErr();
        ServerOptions options = new ServerOptions(host, port, maxBodyBytes, maxInstances, threads, Duration.ofSeconds(drainSeconds), watch)
                .withBodyBudget(bodyBudgetBytes != null ? bodyBudgetBytes : ServerOptions.defaultBodyBudget(maxBodyBytes))
                .withConnections(maxConnections, Duration.ofSeconds(idleSeconds), minBodyRate);
        if (tokenFile != null && tokenEnv != null) {
            throw new UserException("give the token with --token-file or --token-env, not both");
        }
        if (tokenEverywhere && tokenFile == null && tokenEnv == null) {
            throw new UserException("--token-everywhere needs a token: --token-file or --token-env");
        }
        if (tokenFile != null || tokenEnv != null) {
            options = options.withToken(tokenFile != null ? BearerToken.fromFile(tokenFile) : BearerToken.fromEnvironment(tokenEnv),
                    tokenEverywhere);
        }
        err.println("serve: loading " + model + " and warming it up (a few seconds on a fresh JVM)");
        LiveModel live = LiveModel.load(model, allowMissing);
        ModelServer server;
        try {
            server = ModelServer.start(live, options, line -> err.println("serve: " + line));
        } catch (IOException e) {
            throw new UserException(e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("serve: stopping; answering the requests in flight first (up to " + drainSeconds + " s)");
            server.close();
            err.println("serve: stopped");
        }, "kaml-serve-shutdown"));
        Predictor predictor = live.current().predictor();
        err.printf("serve: model %s (%s%s, actions %s, %d categorical and %d numerical features)%s%n", model,
                predictor.config().backbone().key(), predictor.config().hke() ? " with HKE" : "", String.join(", ", predictor.actions()),
                predictor.categoricalFields().size(), predictor.numericalFields().size(), watch ? ", reloaded when the file changes" : "");
        List<String> optional = predictor.mayBeMissing();
        int features = predictor.categoricalFields().size() + predictor.numericalFields().size();
        err.println("serve: " + (allowMissing ? "instances may leave out any feature (--allow-missing)"
                : optional.size() == features ? "instances may leave out any feature: the model learned every one missing"
                : optional.isEmpty() ? "instances must send every feature (a missing one is a 400)"
                : "instances may leave out " + String.join(", ", optional) + "; any other missing feature is a 400"));
        err.println("serve: listening on " + server.uri() + " (POST /v1/predict, GET /v1/model, POST /v1/reload, GET /health, GET /metrics)");
        server.join();
        return 0;
    }
}
