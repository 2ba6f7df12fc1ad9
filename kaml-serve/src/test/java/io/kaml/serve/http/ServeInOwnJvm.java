package io.kaml.serve.http;

import java.nio.file.Path;

/**
 * {@code kaml serve} in miniature, for tests that need a server in a JVM of its own (a small heap, a
 * real SIGTERM): serves the model file given on a free loopback port, prints {@code port N} on stdout,
 * and stops gracefully on SIGTERM as {@code kaml serve} does.
 */
final class ServeInOwnJvm {
    private ServeInOwnJvm() {
    }

    public static void main(String[] args) throws Exception {
        ModelServer server = ModelServer.start(LiveModel.load(Path.of(args[0])), ServerOptions.local(0), System.err::println);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("port " + server.port());
        System.out.flush();
        server.join();
    }
}
