package io.kaml.serve.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Reads a request body without blocking a thread: takes the chunks that have arrived, asks Jetty to
 * call back when more do, and hands the whole body on once the last one is in. A prediction body is
 * small and usually arrives with the headers, so the common case is one pass with no callback.
 *
 * <p>What a body costs is what has arrived, never what the client declared: the buffer starts small and
 * doubles as bytes come, and each growth is first reserved from the server's {@link BodyBudget}. So a
 * client that declares a megabyte and sends one byte holds a few kilobytes. A body is refused as soon as
 * it is known to be too large (413), would overrun the budget (503), or arrives too slowly (408: see
 * {@link #GRACE}); a stalled one ends with the connection's idle timeout (408).
 *
 * <p>A body of undeclared length found too large is read on and dropped, holding nothing, up to
 * {@link #DISCARD} bytes more, and refused when it ends: answering while the client still sends makes the
 * server close a connection with unread bytes, whose reset can destroy the 413 before the client reads
 * it. A body longer still is refused at once.
 */
final class BodyReader implements Invocable.Task {
    /**
     * How long a body may arrive at any pace before its average rate is checked, so a small body split
     * across a slow link is not refused; a body still arriving after it must average the minimum rate.
     */
    static final Duration GRACE = Duration.ofSeconds(2);
    /** The first buffer of a body that does not arrive in one chunk: small, since a declared length costs the client nothing. */
    static final int FIRST_BUFFER = 4096;
    private static final byte[] NONE = {};
    /** Bytes of a too-large chunked body read and dropped so that its 413 reaches the client; past it the answer is immediate. */
    static final int DISCARD = 1 << 20;

    /** A body read whole, in {@code bytes[0, length)}; it holds its buffer's share of the budget until closed. */
    record Body(byte[] bytes, int length, BodyBudget budget) implements AutoCloseable {
        @Override
        public void close() {
            budget.release(bytes.length);
        }
    }

    private final Request request;
    private final int max;
    /** The declared length, or the limit when none is declared: the buffer never grows past what can arrive. */
    private final int expected;
    private final int minRate;
    private final BodyBudget budget;
    private final Consumer<Body> onBody;
    private final Consumer<ApiException> onError;
    private byte[] bytes = NONE;
    private int size;
    /** Bytes dropped after the body was found too large, or -1 while it is still being kept. */
    private long dropped = -1;

    private BodyReader(Request request, int max, int expected, int minRate, BodyBudget budget, Consumer<Body> onBody,
                       Consumer<ApiException> onError) {
        this.request = request;
        this.max = max;
        this.expected = expected;
        this.minRate = minRate;
        this.budget = budget;
        this.onBody = onBody;
        this.onError = onError;
    }

    /** Calls exactly one of {@code onBody} and {@code onError}, now or when more of the body arrives. */
    static void read(Request request, ServerOptions options, BodyBudget budget, Consumer<Body> onBody, Consumer<ApiException> onError) {
        long declared = request.getLength();
        int max = options.maxBodyBytes();
        if (declared > max) {
            onError.accept(tooLarge(declared + " bytes", max));
            return;
        }
        new BodyReader(request, max, declared >= 0 ? (int) declared : max, options.minBodyRate(), budget, onBody, onError).run();
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                waitForMore();
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                fail(unreadable(chunk.getFailure()));
                return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            boolean last = chunk.isLast();
            if (dropped >= 0 || size + n > max) {
                chunk.release();
                if (dropped < 0) {
                    budget.release(bytes.length);
                    bytes = NONE;
                    dropped = 0;
                }
                dropped += n;
                if (last || dropped > DISCARD) {
                    onError.accept(tooLarge("more than " + max + " bytes", max));
                    return;
                }
                continue;
            }
            if (size + n > bytes.length && !grow(size + n)) {
                chunk.release();
                fail(new ApiException(503, "body: the server holds as many request bodies as it may at once (" + budget.limit()
                        + " bytes, its --body-budget-bytes); try again shortly"));
                return;
            }
            buffer.get(bytes, size, n);
            size += n;
            chunk.release();
            if (last) {
                onBody.accept(new Body(bytes, size, budget));
                return;
            }
        }
    }

    /** Asks for a callback when more arrives, unless the body has been trickling in for longer than the grace period. */
    private void waitForMore() {
        long elapsed = NanoTime.since(request.getHeadersNanoTime());
        if (minRate > 0 && elapsed > GRACE.toNanos() && size * 1_000_000_000L / elapsed < minRate) {
            fail(new ApiException(408, "body: " + size + " bytes in " + elapsed / 1_000_000 + " ms, slower than the minimum of " + minRate
                    + " bytes/s (the server's --min-body-rate)"));
            return;
        }
        request.demand(this);
    }

    /** Doubles the buffer (or more, for a large chunk) up to what can still arrive, if the budget allows. */
    private boolean grow(int needed) {
        int capacity = Math.max(needed, Math.min(expected, bytes.length == 0 ? FIRST_BUFFER : 2 * bytes.length));
        if (!budget.reserve(capacity - bytes.length)) {
            return false;
        }
        bytes = Arrays.copyOf(bytes, capacity);
        return true;
    }

    private void fail(ApiException problem) {
        budget.release(bytes.length);
        bytes = NONE;
        onError.accept(problem);
    }

    private static ApiException unreadable(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return new ApiException(408, "body: the rest of it did not arrive in time (" + failure.getMessage() + ")");
        }
        return new ApiException(400, "body: could not be read: " + failure);
    }

    /** The callback only copies bytes, so Jetty may run it on the thread that read them. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    private static ApiException tooLarge(String size, int max) {
        return new ApiException(413, "body: " + size + " exceed the limit of " + max + " bytes (the server's --max-body-bytes)");
    }
}
