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
 */
public record MechanismEffects(double definitionShift, List<Double> definitionMove) {

    public MechanismEffects {
        definitionMove = List.copyOf(definitionMove);
    }

    /** One line per mechanism that is on, in knob order; none when every mechanism is off. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (!definitionMove.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "definition shift %s: extended samples' p_j vs under the own targeters' "
                    + "definition, mean |difference| / mean p_j: %s", number(definitionShift), perAction(definitionMove)));
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
        }

        MechanismEffects summarise() {
            List<Double> definitionMove = new ArrayList<>();
            if (config.definitionShift() > 0) {
                for (int j = 0; j < N; j++) {
                    definitionMove.add(ratio(definitionMoveSum[j], extendedProbabilitySum[j]));
                }
            }
            return new MechanismEffects(config.definitionShift(), definitionMove);
        }

        private static double ratio(double numerator, double denominator) {
            return denominator > 0 ? numerator / denominator : 0;
        }
    }
}
