package io.kaml.nn;

/**
 * A named tensor of a {@link ParameterSet}: a [rows, cols] matrix (a bias is [1, cols]).
 *
 * @param index  position in the set, which fixes the order in which gradients are summed
 * @param sparse whether its gradient is a {@link SparseRows} of touched rows instead of a dense array
 */
public record Parameter(int index, String name, int rows, int cols, boolean sparse) {
    public int size() {
        return rows * cols;
    }
}
