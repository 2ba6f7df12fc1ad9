package io.kaml.train;

import io.kaml.nn.Gradients;
import io.kaml.nn.Parameter;
import io.kaml.nn.ParameterSet;
import io.kaml.nn.SparseRows;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Averages gradients across the replicas of a {@link TcpRing}, two collectives per step. Dense
 * gradients travel as one flat array through {@link TcpRing#allReduceSum}. Sparse gradients cannot be
 * summed slot by slot (each replica touched other rows, in another order), so each replica's touched
 * rows are gathered and every replica adds them up in rank order: same rows, same slot order, same
 * sums everywhere. The mean is the sum times the float {@code 1f / k}, the same operation on every rank.
 */
public final class RingReduction implements GradientReduction {
    private final TcpRing ring;
    private final List<Parameter> dense;
    private final List<Parameter> sparse;
    /** Every dense gradient end to end in parameter order: one allreduce a step, not one per parameter. */
    private final float[] flat;
    private final float scale;
    /** One replica's values of one sparse parameter, [count, dim], grown on demand. */
    private float[] rowValues = new float[0];
    private long reduceCalls;

    /** @param ring formed by this replica; the reduction closes it */
    public RingReduction(ParameterSet parameters, TcpRing ring) {
        this.ring = ring;
        dense = parameters.parameters().stream().filter(p -> !p.sparse()).toList();
        sparse = parameters.parameters().stream().filter(Parameter::sparse).toList();
        flat = new float[Math.toIntExact(dense.stream().mapToLong(Parameter::size).sum())];
        scale = 1f / ring.size();
    }

    @Override
    public int replicas() {
        return ring.size();
    }

    @Override
    public void reduce(Gradients total) {
        reduceCalls++;
        if (ring.size() == 1) {
            return;
        }
        if (!dense.isEmpty()) {
            reduceDense(total);
        }
        if (!sparse.isEmpty()) {
            reduceSparse(total);
        }
    }

    private void reduceDense(Gradients total) {
        int offset = 0;
        for (Parameter parameter : dense) {
            System.arraycopy(total.dense(parameter), 0, flat, offset, parameter.size());
            offset += parameter.size();
        }
        ring.allReduceSum(flat, 0, flat.length);
        offset = 0;
        for (Parameter parameter : dense) {
            float[] gradient = total.dense(parameter);
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] = flat[offset + i] * scale;
            }
            offset += parameter.size();
        }
    }

    private void reduceSparse(Gradients total) {
        byte[][] replicas = ring.allGather(serialize(total));
        for (Parameter parameter : sparse) {
            total.sparse(parameter).clear();
        }
        for (byte[] replica : replicas) {
            addRows(ByteBuffer.wrap(replica).order(ByteOrder.LITTLE_ENDIAN), total);
        }
        for (Parameter parameter : sparse) {
            SparseRows rows = total.sparse(parameter);
            float[] values = rows.values();
            for (int i = 0; i < rows.count() * rows.dim(); i++) {
                values[i] *= scale;
            }
        }
    }

    /** Per sparse parameter in order: int count, count ints (row ids), [count, dim] floats; little-endian. */
    private byte[] serialize(Gradients total) {
        long bytes = 0;
        for (Parameter parameter : sparse) {
            bytes += 4 + 4L * total.sparse(parameter).count() * (1 + parameter.cols());
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
        for (Parameter parameter : sparse) {
            SparseRows rows = total.sparse(parameter);
            buffer.putInt(rows.count());
            for (int s = 0; s < rows.count(); s++) {
                buffer.putInt(rows.row(s));
            }
            int floats = rows.count() * rows.dim();
            buffer.asFloatBuffer().put(rows.values(), 0, floats);
            buffer.position(buffer.position() + 4 * floats);
        }
        return buffer.array();
    }

    /** Adds one replica's serialized rows to {@code total}, slot by slot in that replica's order. */
    private void addRows(ByteBuffer replica, Gradients total) {
        for (Parameter parameter : sparse) {
            SparseRows rows = total.sparse(parameter);
            int count = replica.getInt();
            int ids = replica.position();
            int floats = count * rows.dim();
            if (rowValues.length < floats) {
                rowValues = new float[floats];
            }
            replica.position(ids + 4 * count);
            replica.asFloatBuffer().get(rowValues, 0, floats);
            for (int s = 0; s < count; s++) {
                rows.add(replica.getInt(ids + 4 * s), rowValues, s * rows.dim());
            }
            replica.position(replica.position() + 4 * floats);
        }
    }

    /** Bytes this replica has sent through the ring, for benchmarks. */
    public long bytesSent() {
        return ring.bytesSent();
    }

    /** Nanoseconds this replica has spent in the ring's collectives, for benchmarks. */
    public long nanos() {
        return ring.nanos();
    }

    /** The number of {@link #reduce} calls so far. */
    public long reduceCalls() {
        return reduceCalls;
    }

    @Override
    public void close() {
        ring.close();
    }
}
