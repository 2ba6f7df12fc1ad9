/**
 * A seeded, deterministic simulator of post-click advertising logs with known ground truth, close
 * to the setting of the KAML paper: advertisers each optimise one of five conversion actions, report
 * the others incompletely, and see different user populations; the actions' base rates are skewed.
 *
 * <p>The story, one class per part: a {@link io.kaml.sim.Population} of users with attributes and
 * latent tastes; a {@link io.kaml.sim.Catalog} of advertisers (by {@link io.kaml.sim.Industry}, each
 * with one target {@link io.kaml.sim.Action}) and their ads; a {@link io.kaml.sim.ClickModel} drawing
 * who clicks on what; a {@link io.kaml.sim.ConversionFunnel} giving the true probability of every
 * action (activation, then registration and retention, then payment, then purchase); and a
 * {@link io.kaml.sim.ReportingPolicy} deciding which true conversions reach the logs. The
 * {@link io.kaml.sim.Simulator} runs it day by day and writes the files described by
 * {@link io.kaml.sim.SampleColumns}; {@link io.kaml.sim.SimulatorConfig} holds every knob, including
 * the four switches that turn a mechanism off and the strengths of the mechanisms that make original
 * and extended samples differ (issue 13 §2, off by default): {@link io.kaml.sim.TargetDefinitions},
 * targeted delivery in the click model, and {@link io.kaml.sim.Postbacks}, whose effects
 * {@link io.kaml.sim.MechanismEffects} reports.
 */
package io.kaml.sim;
