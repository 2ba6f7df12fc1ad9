package io.kaml.nn;

import java.util.Arrays;

/**
 * A sparse gradient of a [rows, dim] table: the distinct rows touched and the sum of the gradient
 * rows added for each. Rows are kept in the order they were first touched, which is deterministic for
 * a deterministic sequence of {@link #add} calls. An open-addressing map from row to slot finds a
 * row's slot in O(1); {@link #clear} forgets only the slots in use, so its cost follows the batch, not
 * the table. Buffers grow on demand and are reused after that.
 */
public final class SparseRows {
    private static final int EMPTY = -1;
    /** Odd constant of the golden ratio: spreads consecutive ids over the table. */
    private static final int SPREAD = 0x9E3779B9;

    private final int dim;
    private int count;
    private int[] rows;
    private int[] tablePosition;
    private float[] values;
    private int[] keys;
    private int[] slots;
    private int shift;

    /** @param expectedRows how many distinct rows to size for before the first growth */
    public SparseRows(int dim, int expectedRows) {
        if (dim < 1 || expectedRows < 1) {
            throw new IllegalArgumentException("need dim >= 1 and expectedRows >= 1");
        }
        this.dim = dim;
        allocate(expectedRows);
    }

    private void allocate(int capacity) {
        rows = new int[capacity];
        tablePosition = new int[capacity];
        values = new float[capacity * dim];
        int tableSize = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
        keys = new int[tableSize];
        slots = new int[tableSize];
        Arrays.fill(keys, EMPTY);
        shift = Integer.numberOfLeadingZeros(tableSize - 1);
    }

    public int dim() {
        return dim;
    }

    /** The number of distinct rows touched. */
    public int count() {
        return count;
    }

    /** The table row held in {@code slot}, for slot in [0, count). */
    public int row(int slot) {
        return rows[slot];
    }

    /**
     * The summed gradients, [count, dim]: slot s occupies [s·dim, (s+1)·dim). The array may be
     * replaced when the set grows, so fetch it again after any {@link #add}.
     */
    public float[] values() {
        return values;
    }

    /** Adds {@code source[offset, offset + dim)} to the gradient of {@code row}. */
    public void add(int row, float[] source, int offset) {
        int base = slotOf(row) * dim;
        for (int d = 0; d < dim; d++) {
            values[base + d] += source[offset + d];
        }
    }

    /** this += other, taking other's rows in its slot order. */
    public void addAll(SparseRows other) {
        if (other.dim != dim) {
            throw new IllegalArgumentException("dim " + other.dim + " != " + dim);
        }
        for (int s = 0; s < other.count; s++) {
            add(other.rows[s], other.values, s * dim);
        }
    }

    /** Forgets every row, keeping the buffers. */
    public void clear() {
        for (int s = 0; s < count; s++) {
            keys[tablePosition[s]] = EMPTY;
        }
        Arrays.fill(values, 0, count * dim, 0f);
        count = 0;
    }

    private int slotOf(int row) {
        if (row < 0) {
            throw new IllegalArgumentException("negative row " + row);
        }
        int mask = keys.length - 1;
        int position = (row * SPREAD) >>> shift;
        while (true) {
            int key = keys[position];
            if (key == row) {
                return slots[position];
            }
            if (key == EMPTY) {
                break;
            }
            position = (position + 1) & mask;
        }
        if (count == rows.length) {
            grow();
            return slotOf(row);
        }
        int slot = count++;
        keys[position] = row;
        slots[position] = slot;
        rows[slot] = row;
        tablePosition[slot] = position;
        return slot;
    }

    private void grow() {
        int[] oldRows = rows;
        float[] oldValues = values;
        int oldCount = count;
        allocate(rows.length * 2);
        count = 0;
        for (int s = 0; s < oldCount; s++) {
            int slot = slotOf(oldRows[s]);
            System.arraycopy(oldValues, s * dim, values, slot * dim, dim);
        }
    }
}
