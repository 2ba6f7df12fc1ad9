package io.kaml.data;

import java.util.Arrays;

/** Appends rows into growable columnar arrays; {@link #build()} trims them into a {@link Batch}. */
public final class BatchBuilder {
    private final int categoricalFields;
    private final int numericalFields;
    private final int actions;
    private final boolean withIds;
    private int size;
    private int[] categorical;
    private float[] numerical;
    private byte[] labels;
    private int[] target;
    private int[] advertiser;
    private int[] day;
    private String[] ids;

    public BatchBuilder(int categoricalFields, int numericalFields, int actions, boolean withIds, int capacity) {
        this.categoricalFields = categoricalFields;
        this.numericalFields = numericalFields;
        this.actions = actions;
        this.withIds = withIds;
        int c = Math.max(16, capacity);
        categorical = new int[c * categoricalFields];
        numerical = new float[c * numericalFields];
        labels = new byte[c * actions];
        target = new int[c];
        advertiser = new int[c];
        day = new int[c];
        ids = withIds ? new String[c] : null;
    }

    public int size() {
        return size;
    }

    /**
     * Appends one row; the arrays are copied.
     *
     * @param cat [categoricalFields], num [numericalFields], lab [actions]
     */
    public void add(int[] cat, float[] num, byte[] lab, int targetAction, int advertiserIndex, int dayNumber, String id) {
        if (size == target.length) {
            grow();
        }
        System.arraycopy(cat, 0, categorical, size * categoricalFields, categoricalFields);
        System.arraycopy(num, 0, numerical, size * numericalFields, numericalFields);
        System.arraycopy(lab, 0, labels, size * actions, actions);
        target[size] = targetAction;
        advertiser[size] = advertiserIndex;
        day[size] = dayNumber;
        if (withIds) {
            ids[size] = id;
        }
        size++;
    }

    private void grow() {
        int c = target.length * 2;
        categorical = Arrays.copyOf(categorical, c * categoricalFields);
        numerical = Arrays.copyOf(numerical, c * numericalFields);
        labels = Arrays.copyOf(labels, c * actions);
        target = Arrays.copyOf(target, c);
        advertiser = Arrays.copyOf(advertiser, c);
        day = Arrays.copyOf(day, c);
        if (withIds) {
            ids = Arrays.copyOf(ids, c);
        }
    }

    public Batch build() {
        return new Batch(size, categoricalFields, numericalFields, actions,
                Arrays.copyOf(categorical, size * categoricalFields),
                Arrays.copyOf(numerical, size * numericalFields),
                Arrays.copyOf(labels, size * actions),
                Arrays.copyOf(target, size),
                Arrays.copyOf(advertiser, size),
                Arrays.copyOf(day, size),
                withIds ? Arrays.copyOf(ids, size) : null);
    }

    /** Forgets the rows but keeps the capacity, for streaming fixed-size blocks. */
    public void clear() {
        size = 0;
    }
}
