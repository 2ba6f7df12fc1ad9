package io.kaml.serve.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies the server holds at once, over every connection, kept under a limit. The
 * per-request limit alone does not bound memory: a thousand clients may each send a body just under it,
 * or start one and stall. Readers reserve buffer space here before they allocate it, and a body that
 * does not fit is refused (503) instead of the heap running out for everyone. Lock-free, so selector
 * threads may use it.
 */
final class BodyBudget {
    private final long limit;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} from the budget if they fit; false, taking nothing, if they do not. */
    boolean reserve(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > limit) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    long held() {
        return held.get();
    }

    long limit() {
        return limit;
    }
}
