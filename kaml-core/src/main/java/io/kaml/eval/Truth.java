package io.kaml.eval;

import java.util.Objects;

/**
 * Ground truth from the simulator, aligned row by row and action by action with a
 * {@link Predictions}: unlike the observed labels it is complete and unbiased.
 *
 * <p>The arrays are held as given, not copied; see {@link Predictions}.
 *
 * @param labels [n, actions] row-major true labels, 0 or 1
 * @param probabilities [n, actions] row-major true conversion probabilities, each in [0, 1]
 */
public record Truth(byte[] labels, float[] probabilities) {

    /**
     * Checks the two arrays against each other; their length against the predictions is checked by
     * {@link Evaluator#evaluate}, which has both.
     *
     * @throws IllegalArgumentException naming the field that is inconsistent
     */
    public Truth {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(probabilities, "probabilities");
        if (labels.length != probabilities.length) {
            throw new IllegalArgumentException("labels has " + labels.length
                    + " values but probabilities has " + probabilities.length);
        }
        for (int c = 0; c < labels.length; c++) {
            if (labels[c] != 0 && labels[c] != 1) {
                throw new IllegalArgumentException("labels[" + c + "] = " + labels[c] + " is not 0 or 1");
            }
            if (!(probabilities[c] >= 0 && probabilities[c] <= 1)) {
                throw new IllegalArgumentException(
                        "probabilities[" + c + "] = " + probabilities[c] + " is not in [0, 1]");
            }
        }
    }
}
