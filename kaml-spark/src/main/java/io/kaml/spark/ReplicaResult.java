package io.kaml.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * What one task of the barrier stage hands back: replica 0 the trained model, every replica its share of
 * the rows and what the collective cost it.
 *
 * @param model           the model file's bytes (replica 0 only, else null)
 * @param validation      the kept epoch's validation metrics as JSON (replica 0 only)
 * @param rows            this replica's training rows
 * @param rowsPerEpoch    rows per epoch on every replica (the largest share)
 * @param steps           optimiser steps taken in this attempt
 * @param samples         rows those steps trained on
 * @param bytesSent       bytes this replica sent in collectives
 * @param collectiveNanos time this replica spent in collectives
 * @param trainNanos      time of the training loop
 * @param resumedAtStep   global step the attempt resumed from, or -1 for a fresh start
 */
record ReplicaResult(int replica, byte[] model, String validation, long rows, long rowsPerEpoch, long steps, long samples, long bytesSent,
                     long collectiveNanos, long trainNanos, long resumedAtStep) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
