package io.kaml.serve.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Reads a request body without blocking a thread: takes the chunks that have arrived, asks Jetty to
 * call back when more do, and hands the whole body on once the last one is in. A prediction body is
 * small and usually arrives with the headers, so the common case is one pass with no callback. A body
 * over the limit is refused with 413 as soon as its declared length or its bytes so far exceed it,
 * without reading the rest.
 */
final class BodyReader implements Invocable.Task {
    private final Request request;
    private final int max;
    private final Consumer<byte[]> onBody;
    private final Consumer<ApiException> onError;
    private byte[] bytes;
    private int size;

    private BodyReader(Request request, int max, Consumer<byte[]> onBody, Consumer<ApiException> onError) {
        this.request = request;
        this.max = max;
        this.onBody = onBody;
        this.onError = onError;
    }

    /** Calls exactly one of {@code onBody} and {@code onError}, now or when more of the body arrives. */
    static void read(Request request, int max, Consumer<byte[]> onBody, Consumer<ApiException> onError) {
        long declared = request.getLength();
        if (declared > max) {
            onError.accept(tooLarge(declared + " bytes", max));
            return;
        }
        BodyReader reader = new BodyReader(request, max, onBody, onError);
        reader.bytes = new byte[declared >= 0 ? (int) declared : 1024];
        reader.run();
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                onError.accept(new ApiException(400, "body: could not be read: " + chunk.getFailure()));
                return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            if (size + n > max) {
                chunk.release();
                onError.accept(tooLarge("more than " + max + " bytes", max));
                return;
            }
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(max, Math.max(size + n, 2 * bytes.length)));
            }
            buffer.get(bytes, size, n);
            size += n;
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                onBody.accept(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
                return;
            }
        }
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
