package io.kaml.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What each mechanism of issue 13 §2 that is switched on did to the simulated world, measured while the
 * files were written; {@link #lines()} gives one line per such mechanism for the summary.
 *
 * @param definitionShift the {@link SimulatorConfig#definitionShift()} knob
 * @param definitionMove  per action ({@link Action} order), over its extended samples (advertiser's target
 *                        another action), the mean of {@code |p_j(x, target t) - p_j(x, target j)|} over the
 *                        mean {@code p_j(x, target t)}: how far the true probability is from what it would be
 *                        under the definitions of the action's own targeters; empty when the knob is off
 * @param targetedDelivery the {@link SimulatorConfig#targetedDelivery()} knob
 * @param deliveredRate   per action as a target, the mean true probability of the target action on the
 *                        clicks of the advertisers targeting it; empty when the knob is off
 * @param featureRate     the same for the same clicks without delivery's latent intent: the rate their
 *                        logged features explain; empty when the knob is off
 */
public record MechanismEffects(double definitionShift, List<Double> definitionMove,
                               double targetedDelivery, List<Double> deliveredRate, List<Double> featureRate) {

    public MechanismEffects {
        definitionMove = List.copyOf(definitionMove);
        deliveredRate = List.copyOf(deliveredRate);
        featureRate = List.copyOf(featureRate);
    }

    /** One line per mechanism that is on, in knob order; none when every mechanism is off. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (!definitionMove.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "definition shift %s: extended samples' p_j vs under the own targeters' "
                    + "definition, mean |difference| / mean p_j: %s", number(definitionShift), perAction(definitionMove)));
        }
        if (!deliveredRate.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Action action : Action.values()) {
                parts.add(String.format(Locale.ROOT, "%s %.3f%% vs %.3f%%", action.key(),
                        100 * deliveredRate.get(action.ordinal()), 100 * featureRate.get(action.ordinal())));
            }
            lines.add(String.format(Locale.ROOT, "targeted delivery %s: target action's true rate on its advertisers' "
                    + "clicks vs the same clicks without the latent intent: %s", number(targetedDelivery),
                    String.join(", ", parts)));
        }
        return lines;
    }

    private static String perAction(List<Double> shares) {
        List<String> parts = new ArrayList<>();
        for (Action action : Action.values()) {
            parts.add(String.format(Locale.ROOT, "%s %.0f%%", action.key(), 100 * shares.get(action.ordinal())));
        }
        return String.join(", ", parts);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Evaluates the counterfactuals each mechanism needs, click by click; costs nothing for a mechanism that is off. */
    static final class Tally {
        private static final int N = Action.COUNT;

        private final SimulatorConfig config;
        private final ConversionFunnel funnel;
        private final double[] conditional = new double[N];
        private final double[] counterfactual = new double[N];
        private final double[] definitionMoveSum = new double[N];
        private final double[] extendedProbabilitySum = new double[N];
        private final double[] deliveredSum = new double[N];
        private final double[] featureSum = new double[N];
        private final long[] targetClicks = new long[N];

        Tally(SimulatorConfig config, ConversionFunnel funnel) {
            this.config = config;
            this.funnel = funnel;
        }

        /** Counts one click with its true marginal probabilities. */
        void add(Click click, double[] marginal) {
            if (config.definitionShift() > 0) {
                funnel.probabilities(click, ConversionFunnel.Variant.OWN_DEFINITIONS, conditional, counterfactual);
                for (int j = 0; j < N; j++) {
                    if (j != click.target.ordinal()) {
                        definitionMoveSum[j] += Math.abs(marginal[j] - counterfactual[j]);
                        extendedProbabilitySum[j] += marginal[j];
                    }
                }
            }
            if (config.targetedDelivery() > 0) {
                int t = click.target.ordinal();
                funnel.probabilities(click, ConversionFunnel.Variant.WITHOUT_INTENT, conditional, counterfactual);
                deliveredSum[t] += marginal[t];
                featureSum[t] += counterfactual[t];
                targetClicks[t]++;
            }
        }

        MechanismEffects summarise() {
            List<Double> definitionMove = new ArrayList<>();
            if (config.definitionShift() > 0) {
                for (int j = 0; j < N; j++) {
                    definitionMove.add(ratio(definitionMoveSum[j], extendedProbabilitySum[j]));
                }
            }
            List<Double> deliveredRate = new ArrayList<>();
            List<Double> featureRate = new ArrayList<>();
            if (config.targetedDelivery() > 0) {
                for (int t = 0; t < N; t++) {
                    deliveredRate.add(ratio(deliveredSum[t], targetClicks[t]));
                    featureRate.add(ratio(featureSum[t], targetClicks[t]));
                }
            }
            return new MechanismEffects(config.definitionShift(), definitionMove, config.targetedDelivery(),
                    deliveredRate, featureRate);
        }

        private static double ratio(double numerator, double denominator) {
            return denominator > 0 ? numerator / denominator : 0;
        }
    }
}
