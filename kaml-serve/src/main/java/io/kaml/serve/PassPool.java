package io.kaml.serve;

import io.kaml.model.MultiTaskModel;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Forward-pass buffers for a fixed number of rows, lent to one caller at a time. A pool rather than a
 * {@code ThreadLocal}, so that a service calling from many short-lived or virtual threads does not
 * build a pass per thread. Taking and returning a pass is one compare-and-set each and allocates
 * nothing; when every kept pass is in use a new one is made, and it is dropped on return if there
 * is no room to keep it.
 */
final class PassPool {
    /** One borrower's pass and its input rows: [rows, categorical fields] buckets and [rows, numerical fields] values. */
    record Lease(MultiTaskModel.Pass pass, int[] ids, float[] numerical) {
    }

    private final MultiTaskModel model;
    private final int rows;
    private final int categorical;
    private final int numerical;
    private final AtomicReferenceArray<Lease> idle;

    PassPool(MultiTaskModel model, int rows, int keep) {
        this.model = model;
        this.rows = rows;
        this.categorical = model.encoder().categoricalFields().size();
        this.numerical = model.encoder().numericalFields().size();
        this.idle = new AtomicReferenceArray<>(keep);
    }

    int rows() {
        return rows;
    }

    Lease take() {
        for (int i = 0; i < idle.length(); i++) {
            Lease lease = idle.get(i);
            if (lease != null && idle.compareAndSet(i, lease, null)) {
                return lease;
            }
        }
        return new Lease(model.newPass(rows), new int[rows * categorical], new float[rows * numerical]);
    }

    void give(Lease lease) {
        for (int i = 0; i < idle.length(); i++) {
            if (idle.get(i) == null && idle.compareAndSet(i, null, lease)) {
                return;
            }
        }
    }
}
