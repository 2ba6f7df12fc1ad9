package io.kaml.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A ring of k processes over TCP for collectives: rank r sends to rank (r+1)%k and receives from rank
 * (r-1)%k, one socket each way. Every rank must call the same collectives in the same order, from one
 * thread; {@link #close} may come from any thread and makes a blocked collective fail. A ring of one
 * has no sockets and its collectives return at once.
 *
 * <p>Wire format: when the ring forms, a hello both ways (int magic, UTF token, int rank, int k); then
 * per transfer a header (byte collective, int length) and the payload, floats little-endian. The
 * token only tells apart the replicas of one job from stray connections; it is not a secret.
 */
public final class TcpRing implements AutoCloseable {
    private static final int MAGIC = 0x6B616D6C;
    private static final byte ALL_REDUCE = 1;
    private static final byte ALL_GATHER = 2;
    private static final int HEADER_BYTES = 5;
    /** Floats converted per socket write or read: bounds the staging buffers, keeps transfers large. */
    private static final int BLOCK_FLOATS = 1 << 16;
    private static final int STREAM_BUFFER = 1 << 16;

    private final int rank;
    private final int size;
    private final int timeoutMillis;
    private final Socket next;
    private final Socket previous;
    private final DataOutputStream out;
    private final DataInputStream in;
    /** Sends while the calling thread receives: with both blocked in write, large chunks would deadlock. */
    private final ExecutorService sender;
    /** Staging for one block each way, float views over little-endian bytes for bulk conversion. */
    private final byte[] sendBytes;
    private final FloatBuffer sendFloats;
    private final byte[] receiveBytes;
    private final FloatBuffer receiveFloats;
    private final float[] received;
    private final AtomicBoolean closed = new AtomicBoolean();
    private long bytesSent;
    private long nanos;

    /** Built by {@link RingSetup} once both links have passed the hello; a ring of one has no sockets. */
    TcpRing(int rank, int size, int timeoutMillis, Socket next, Socket previous) throws IOException {
        this.rank = rank;
        this.size = size;
        this.timeoutMillis = timeoutMillis;
        this.next = next;
        this.previous = previous;
        boolean alone = size == 1;
        out = alone ? null : new DataOutputStream(new BufferedOutputStream(next.getOutputStream(), STREAM_BUFFER));
        in = alone ? null : new DataInputStream(new BufferedInputStream(previous.getInputStream(), STREAM_BUFFER));
        sender = alone ? null : Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("kaml-ring-send-" + rank).factory());
        int block = alone ? 0 : BLOCK_FLOATS;
        sendBytes = new byte[4 * block];
        sendFloats = littleEndianFloats(sendBytes);
        receiveBytes = new byte[4 * block];
        receiveFloats = littleEndianFloats(receiveBytes);
        received = new float[block];
    }

    /**
     * Forms the ring: connects to rank (r+1)%k, then accepts from {@code own} until rank (r-1)%k says
     * hello with the same token, refusing any other connection.
     *
     * @param addresses host:port of every rank's server socket, index = rank
     * @param own       this rank's listening socket, opened before the addresses were exchanged; the ring
     *                  closes it once formed (or on failure), so no later connection gets through
     * @param timeout   the limit for forming the ring, and for every read once formed
     * @throws TrainingException naming the ranks if the ring cannot form in time
     */
    public static TcpRing connect(int rank, List<String> addresses, ServerSocket own, String token, Duration timeout) {
        return RingSetup.connect(rank, addresses, own, token, timeout);
    }

    /** Writes the hello in one piece, so a peer never waits on half of it. */
    static void writeHello(OutputStream out, String token, int rank, int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.writeInt(MAGIC);
        data.writeUTF(token);
        data.writeInt(rank);
        data.writeInt(size);
        out.write(bytes.toByteArray());
        out.flush();
    }

    /** Reads a whole hello (unbuffered: nothing after it is consumed) and checks it is the expected peer. */
    static boolean readHello(InputStream raw, String token, int rank, int size) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        if (in.readInt() != MAGIC) {
            return false;
        }
        String theirToken = in.readUTF();
        int theirRank = in.readInt();
        int theirSize = in.readInt();
        return theirToken.equals(token) && theirRank == rank && theirSize == size;
    }

    /** k, the number of ranks. */
    public int size() {
        return size;
    }

    /** Bytes this rank has written in collectives (headers included) since the ring formed. */
    public long bytesSent() {
        return bytesSent;
    }

    /** Nanoseconds this rank has spent in collectives since the ring formed. */
    public long nanos() {
        return nanos;
    }

    /**
     * data[from, from+length) := its sum over the ranks. Reduce-scatter then allgather over k chunks:
     * each chunk is summed once along the ring in a fixed order and its sum is then copied, so every
     * rank gets the same bits, and the same bits on every run. Sends 2·(k-1)/k·length floats per rank.
     */
    public void allReduceSum(float[] data, int from, int length) {
        Objects.checkFromIndexSize(from, length, data.length);
        if (size == 1) {
            return;
        }
        long start = System.nanoTime();
        try {
            for (int step = 0; step < size - 1; step++) {
                exchangeChunks(data, from, length, rank - step, rank - step - 1, true);
            }
            // rank r now holds the full sum of chunk r+1, and hands full sums on around the ring
            for (int step = 0; step < size - 1; step++) {
                exchangeChunks(data, from, length, rank + 1 - step, rank - step, false);
            }
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    /** Chunks are numbered mod k; chunk c of a length split in k near-equal parts is [bound(c), bound(c+1)). */
    private void exchangeChunks(float[] data, int from, int length, int sendChunk, int receiveChunk, boolean add) {
        int s = Math.floorMod(sendChunk, size);
        int r = Math.floorMod(receiveChunk, size);
        int sendStart = from + bound(length, s);
        int sendLength = bound(length, s + 1) - bound(length, s);
        int receiveStart = from + bound(length, r);
        int receiveLength = bound(length, r + 1) - bound(length, r);
        exchange("ring allreduce", HEADER_BYTES + 4L * sendLength,
                () -> writeFloats(data, sendStart, sendLength),
                () -> readFloats(data, receiveStart, receiveLength, add));
    }

    private int bound(int length, int chunk) {
        return (int) ((long) length * chunk / size);
    }

    private Void writeFloats(float[] data, int start, int length) throws IOException {
        out.writeByte(ALL_REDUCE);
        out.writeInt(length);
        for (int done = 0; done < length; done += BLOCK_FLOATS) {
            int n = Math.min(BLOCK_FLOATS, length - done);
            sendFloats.put(0, data, start + done, n);
            out.write(sendBytes, 0, 4 * n);
        }
        out.flush();
        return null;
    }

    private void readFloats(float[] data, int start, int length, boolean add) throws IOException {
        readHeader(ALL_REDUCE, length);
        for (int done = 0; done < length; done += BLOCK_FLOATS) {
            int n = Math.min(BLOCK_FLOATS, length - done);
            in.readFully(receiveBytes, 0, 4 * n);
            if (add) {
                receiveFloats.get(0, received, 0, n);
                for (int i = 0; i < n; i++) {
                    data[start + done + i] += received[i];
                }
            } else {
                receiveFloats.get(0, data, start + done, n);
            }
        }
    }

    /** Every rank's bytes, index = rank; element [rank] is {@code mine} itself. */
    public byte[][] allGather(byte[] mine) {
        byte[][] all = new byte[size][];
        all[rank] = mine;
        if (size == 1) {
            return all;
        }
        long start = System.nanoTime();
        try {
            for (int step = 0; step < size - 1; step++) {
                byte[] outgoing = all[Math.floorMod(rank - step, size)];
                int incoming = Math.floorMod(rank - step - 1, size);
                exchange("ring allgather", HEADER_BYTES + outgoing.length, () -> {
                    out.writeByte(ALL_GATHER);
                    out.writeInt(outgoing.length);
                    out.write(outgoing);
                    out.flush();
                    return null;
                }, () -> {
                    all[incoming] = new byte[readHeader(ALL_GATHER, -1)];
                    in.readFully(all[incoming]);
                });
            }
        } finally {
            nanos += System.nanoTime() - start;
        }
        return all;
    }

    /** Reads a transfer's header; {@code length} -1 accepts any length. Returns the length. */
    private int readHeader(byte collective, int length) throws IOException {
        byte theirCollective = in.readByte();
        int theirLength = in.readInt();
        if (theirCollective != collective || theirLength < 0 || (length >= 0 && theirLength != length)) {
            throw new ProtocolException("the replicas are out of step: got collective " + theirCollective + " of length "
                    + theirLength + ", expected " + collective + (length >= 0 ? " of length " + length : ""));
        }
        return theirLength;
    }

    private interface Receive {
        void run() throws IOException;
    }

    /** Sends on the sender thread while this thread receives; any failure closes the ring. */
    private void exchange(String operation, long bytes, Callable<Void> send, Receive receive) {
        Future<Void> sending;
        try {
            sending = sender.submit(send);
        } catch (RejectedExecutionException e) {
            throw new TrainingException(operation + ": the ring of rank " + rank + " of " + size + " is closed", e);
        }
        bytesSent += bytes;
        try {
            receive.run();
        } catch (IOException e) {
            throw lost(operation, (rank + size - 1) % size, e);
        }
        try {
            sending.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw lost(operation, (rank + 1) % size, e.getCause());
        } catch (TimeoutException e) {
            throw lost(operation, (rank + 1) % size, new SocketTimeoutException("send timed out"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new TrainingException(operation + ": rank " + rank + " of " + size + " was interrupted", e);
        }
    }

    /** Closes the ring, so the neighbours fail at once too instead of waiting for their timeout. */
    private TrainingException lost(String operation, int peer, Throwable cause) {
        boolean closedBefore = closed.get();
        close();
        String why = closedBefore ? "the ring was closed" : describe(cause);
        return new TrainingException(operation + ": rank " + rank + " lost the connection to rank " + peer + " of " + size
                + " (" + why + "; timeout " + timeoutMillis + " ms)", cause);
    }

    static String describe(Throwable e) {
        if (e instanceof EOFException) {
            return "closed by the peer";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static FloatBuffer littleEndianFloats(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }

    static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing is left to do with a socket we are abandoning
        }
    }

    /** Closes both sockets and the sender thread; idempotent, and callable from any thread. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || size == 1) {
            return;
        }
        sender.shutdownNow();
        closeQuietly(next);
        closeQuietly(previous);
    }
}
