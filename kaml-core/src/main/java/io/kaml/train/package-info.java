/**
 * Training: the {@link io.kaml.train.Optimizer} that turns summed gradients into parameter updates,
 * its {@link io.kaml.train.OptimizerConfig}, the {@link io.kaml.train.LearningRateSchedule} that
 * scales its learning rates per step, and the {@link io.kaml.train.OptimizerState} a checkpoint keeps.
 *
 * <p>Embedding tables are updated lazily: only the rows a batch touched change, value and optimiser
 * state alike, so a step costs as much as the batch and not as much as the table. With lazy Adam this
 * is a different algorithm from dense Adam, not an approximation of it; see
 * {@link io.kaml.train.EmbeddingOptimizer}.
 */
package io.kaml.train;
