package io.kaml.nn;

import java.util.random.RandomGenerator;

/**
 * Hashed categorical features to vectors. All fields share one [Σ buckets, dim] table registered as
 * the sparse parameter {@code name.table}; field f owns rows [fieldOffset[f], fieldOffset[f] +
 * buckets[f]). A sample's vectors are concatenated field by field into [fields · dim]. The backward
 * pass only touches the rows the batch used, which is what makes a 2,000,000-row table trainable.
 */
public final class Embedding {
    /** Samples whose rows are first touched together in {@link #forward}: 8 × 20 fields is 160 rows in flight. */
    private static final int GATHER_ROWS = 8;
    private final int[] buckets;
    private final int[] fieldOffset;
    private final int dim;
    private final Parameter table;
    private final float[] values;
    /** The sum of the floats {@link CacheLines#touch} read, stored so that the compiler keeps those loads; never read. */
    @SuppressWarnings("unused")
    private float touchedSum;

    /**
     * @param buckets   rows per field
     * @param initBound the table is drawn from U(-initBound, +initBound)
     */
    public Embedding(ParameterSet parameters, String name, int[] buckets, int dim, float initBound,
                     RandomGenerator random) {
        if (buckets.length == 0 || dim < 1) {
            throw new IllegalArgumentException("need at least one field and dim >= 1");
        }
        this.buckets = buckets.clone();
        this.fieldOffset = new int[buckets.length];
        long rows = 0;
        for (int f = 0; f < buckets.length; f++) {
            if (buckets[f] < 1) {
                throw new IllegalArgumentException("field " + f + " has " + buckets[f] + " buckets");
            }
            fieldOffset[f] = (int) rows;
            rows += buckets[f];
        }
        if (rows * dim > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(rows + " rows x " + dim + " do not fit one array");
        }
        this.dim = dim;
        this.table = parameters.addSparse(name + ".table", (int) rows, dim);
        this.values = parameters.values(table);
        WeightInit.uniform(values, initBound, random);
    }

    public int fields() {
        return buckets.length;
    }

    public int dim() {
        return dim;
    }

    /** The width of one sample's output, fields · dim. */
    public int width() {
        return buckets.length * dim;
    }

    public Parameter table() {
        return table;
    }

    public int[] buckets() {
        return buckets.clone();
    }

    public int[] fieldOffset() {
        return fieldOffset.clone();
    }

    /** The table row of bucket {@code id} of field {@code field}. */
    public int row(int field, int id) {
        if (id < 0 || id >= buckets[field]) {
            throw new IllegalArgumentException("field " + field + ": bucket " + id + " outside [0, " + buckets[field] + ")");
        }
        return fieldOffset[field] + id;
    }

    /**
     * Copies each sample's table rows, {@link #GATHER_ROWS} samples at a time, their rows first brought into the
     * cache together by {@link CacheLines} (1024 samples of 20 fields from 100,000 × 16 each, on an AVX2 Zen 3:
     * 2.7–3.0 µs per sample copied row by row, 1.35–1.7 µs so).
     *
     * @param ids [batch, fields], bucket ids within each field
     * @param out [batch, fields · dim], overwritten
     */
    public void forward(int[] ids, float[] out, int batch) {
        int fields = buckets.length;
        float touched = 0f;
        for (int r0 = 0; r0 < batch; r0 += GATHER_ROWS) {
            int r1 = Math.min(batch, r0 + GATHER_ROWS);
            for (int r = r0; r < r1; r++) {
                for (int f = 0; f < fields; f++) {
                    touched += CacheLines.touch(values, row(f, ids[r * fields + f]) * dim, dim);
                }
            }
            for (int r = r0; r < r1; r++) {
                for (int f = 0; f < fields; f++) {
                    System.arraycopy(values, row(f, ids[r * fields + f]) * dim, out, (r * fields + f) * dim, dim);
                }
            }
        }
        touchedSum = touched;
    }

    /**
     * Adds each sample's output gradient to the gradient row of the table row it read; a row used
     * several times in the batch receives the sum, in batch order.
     *
     * @param ids  [batch, fields], as given to {@link #forward}
     * @param dOut [batch, fields · dim]
     */
    public void backward(int[] ids, float[] dOut, int batch, Gradients gradients) {
        SparseRows gradient = gradients.sparse(table);
        int fields = buckets.length;
        for (int r = 0; r < batch; r++) {
            for (int f = 0; f < fields; f++) {
                gradient.add(row(f, ids[r * fields + f]), dOut, (r * fields + f) * dim);
            }
        }
    }
}
