package io.kaml.train;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Forms a {@link TcpRing}: each rank connects to the next, accepts the previous, and both ends of each
 * link check the other's hello. Every rank connects and sends its hello before it accepts, and a connect
 * completes on the listening socket's backlog, so no rank waits for another to accept: no deadlock
 * whatever the order the ranks arrive in. One deadline bounds the whole setup.
 */
final class RingSetup {
    private RingSetup() {
    }

    /** {@link TcpRing#connect}, which documents the arguments and the failure. */
    static TcpRing connect(int rank, List<String> addresses, ServerSocket own, String token, Duration timeout) {
        int size = addresses.size();
        Objects.checkIndex(rank, size);
        Objects.requireNonNull(own, "own");
        Objects.requireNonNull(token, "token");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        int timeoutMillis = Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE);
        long deadline = System.nanoTime() + timeout.toNanos();
        int nextRank = (rank + 1) % size;
        int previousRank = (rank + size - 1) % size;
        String stage = "could not connect to rank " + nextRank + " at " + addresses.get(nextRank);
        Socket next = null;
        Socket previous = null;
        try (own) {
            if (size == 1) {
                return new TcpRing(rank, 1, timeoutMillis, null, null);
            }
            next = connectWithRetries(addresses.get(nextRank), deadline);
            TcpRing.writeHello(next.getOutputStream(), token, rank, size);
            stage = "got no valid connection from rank " + previousRank;
            previous = acceptPrevious(own, token, rank, previousRank, size, deadline);
            stage = "was refused by rank " + nextRank + " at " + addresses.get(nextRank);
            next.setSoTimeout(millisLeft(deadline));
            if (!TcpRing.readHello(next.getInputStream(), token, nextRank, size)) {
                throw new ProtocolException("it answered as another job or rank");
            }
            previous.setSoTimeout(timeoutMillis);
            return new TcpRing(rank, size, timeoutMillis, next, previous);
        } catch (IOException e) {
            TcpRing.closeQuietly(next);
            TcpRing.closeQuietly(previous);
            throw new TrainingException("ring setup: rank " + rank + " of " + size + " " + stage + " ("
                    + TcpRing.describe(e) + "; timeout " + timeoutMillis + " ms)", e);
        }
    }

    private static Socket connectWithRetries(String address, long deadline) throws IOException {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address " + address + " is not host:port");
        }
        InetSocketAddress target = new InetSocketAddress(address.substring(0, colon).replace("[", "").replace("]", ""),
                Integer.parseInt(address.substring(colon + 1)));
        while (true) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(target, millisLeft(deadline));
                return socket;
            } catch (ConnectException refused) {
                socket.close();
                // a full backlog or a restarted task may refuse for a moment; the deadline bounds the retries
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(50, millisLeft(deadline))));
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }
    }

    private static Socket acceptPrevious(ServerSocket own, String token, int rank, int previousRank, int size, long deadline)
            throws IOException {
        int refused = 0;
        try {
            while (true) {
                own.setSoTimeout(millisLeft(deadline));
                Socket socket = own.accept();
                try {
                    socket.setSoTimeout(millisLeft(deadline));
                    if (TcpRing.readHello(socket.getInputStream(), token, previousRank, size)) {
                        TcpRing.writeHello(socket.getOutputStream(), token, rank, size);
                        return socket;
                    }
                } catch (IOException stray) {
                    // whatever a connection that is not our previous rank does, we keep waiting for ours
                }
                socket.close();
                refused++;
            }
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("timed out after refusing " + refused + " other connection(s)");
        }
    }

    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("timed out");
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }
}
