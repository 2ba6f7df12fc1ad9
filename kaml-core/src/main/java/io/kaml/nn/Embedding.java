package io.kaml.nn;

import java.util.random.RandomGenerator;

/**
 * Hashed categorical features to vectors. All fields share one [Σ buckets, dim] table registered as
 * the sparse parameter {@code name.table}; field f owns rows [fieldOffset[f], fieldOffset[f] +
 * buckets[f]). A sample's vectors are concatenated field by field into [fields · dim]. The backward
 * pass only touches the rows the batch used, which is what makes a 2,000,000-row table trainable.
 */
public final class Embedding {
    private final int[] buckets;
    private final int[] fieldOffset;
    private final int dim;
    private final Parameter table;
    private final float[] values;

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
     * @param ids [batch, fields], bucket ids within each field
     * @param out [batch, fields · dim], overwritten
     */
    public void forward(int[] ids, float[] out, int batch) {
        int fields = buckets.length;
        for (int r = 0; r < batch; r++) {
            for (int f = 0; f < fields; f++) {
                System.arraycopy(values, row(f, ids[r * fields + f]) * dim, out, (r * fields + f) * dim, dim);
            }
        }
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
