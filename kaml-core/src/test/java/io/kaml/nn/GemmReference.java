package io.kaml.nn;

/**
 * Plain double-precision triple loops for the three {@link Gemm} products, with the sum of absolute
 * products per element that bounds float rounding: |fl(Σ a·b) − Σ a·b| ≤ γ_k · Σ |a·b|, γ_k ≈ k·2⁻²⁴.
 */
final class GemmReference {
    final double[] value;
    final double[] magnitude;

    private GemmReference(int size) {
        value = new double[size];
        magnitude = new double[size];
    }

    /** C[m×n] = c0 + A[m×k]·B[k×n]; c0 may be null. */
    static GemmReference multiply(float[] a, float[] b, float[] c0, int m, int k, int n) {
        GemmReference r = start(c0, m * n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    r.add(i * n + j, (double) a[i * k + p] * b[p * n + j]);
                }
            }
        }
        return r;
    }

    /** C[k×n] = c0 + A[m×k]ᵀ·B[m×n]. */
    static GemmReference multiplyTransposedA(float[] a, float[] b, float[] c0, int m, int k, int n) {
        GemmReference r = start(c0, k * n);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < m; p++) {
                    r.add(i * n + j, (double) a[p * k + i] * b[p * n + j]);
                }
            }
        }
        return r;
    }

    /** C[m×k] = c0 + A[m×n]·B[k×n]ᵀ. */
    static GemmReference multiplyTransposedB(float[] a, float[] b, float[] c0, int m, int k, int n) {
        GemmReference r = start(c0, m * k);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                for (int p = 0; p < n; p++) {
                    r.add(i * k + j, (double) a[i * n + p] * b[j * n + p]);
                }
            }
        }
        return r;
    }

    private static GemmReference start(float[] c0, int size) {
        GemmReference r = new GemmReference(size);
        if (c0 != null) {
            for (int i = 0; i < size; i++) {
                r.value[i] = c0[i];
                r.magnitude[i] = Math.abs(c0[i]);
            }
        }
        return r;
    }

    private void add(int index, double product) {
        value[index] += product;
        magnitude[index] += Math.abs(product);
    }
}
