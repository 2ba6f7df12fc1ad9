package io.kaml.serve.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 over a plain socket, for what {@link TestClient} cannot do: declare a body and send less of
 * it, send it slowly, or hold a connection open and idle, as the clients of a reliability probe do.
 */
final class RawConnection implements AutoCloseable {
    private final Socket socket;

    /**
     * Connects, failing after 2 s rather than the minutes the kernel retries for when the server stops
     * accepting; a read waits 10 s at most, so a server that never answers fails the test, not hangs it.
     */
    RawConnection(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(10_000);
    }

    RawConnection get(String path) throws IOException {
        return send(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Sends the head of a POST to {@code path} whose body is declared to be {@code declared} bytes. */
    RawConnection startPost(String path, long declared) throws IOException {
        return send(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + declared
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    RawConnection send(byte[] bytes) throws IOException {
        return send(bytes, 0, bytes.length);
    }

    RawConnection send(byte[] bytes, int from, int length) throws IOException {
        socket.getOutputStream().write(bytes, from, length);
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads one response whose headers give its Content-Length: status line, headers and body. */
    String readResponse() throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        int contentLength = -1;
        while (contentLength < 0 || text.length() < text.indexOf("\r\n\r\n") + 4 + contentLength) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            text.append((char) c);
            int headersEnd = text.indexOf("\r\n\r\n");
            if (contentLength < 0 && headersEnd >= 0) {
                String headers = text.substring(0, headersEnd).toLowerCase();
                int at = headers.indexOf("content-length: ");
                int end = headers.indexOf("\r\n", at);
                contentLength = Integer.parseInt(headers.substring(at + 16, end < 0 ? headers.length() : end).trim());
            }
        }
        return text.toString();
    }

    /** Whether the server closes the connection within {@code wait}, answering or not; whatever it sends is skipped. */
    boolean closedWithin(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        byte[] skipped = new byte[4096];
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                if (socket.getInputStream().read(skipped) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
