package io.kaml.sim;

import io.kaml.data.Split;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What each mechanism of issue 13 §2 that is switched on did to the simulated world, measured while the
 * files were written ({@link MechanismTally}); {@link #lines()} gives one line per such mechanism for the
 * summary. A mechanism that is off is empty.
 */
public record MechanismEffects(Optional<DefinitionEffect> definitions, Optional<DeliveryEffect> delivery,
                               Optional<PostbackEffect> postbacks) {

    /**
     * @param strength the {@link SimulatorConfig#definitionShift()} knob
     * @param move     per action ({@link Action} order), over its extended samples (advertiser's target another
     *                 action), the mean of {@code |p_j(x, target t) - p_j(x, target j)|} over the mean
     *                 {@code p_j(x, target t)}: how far the true probability is from what the definition of the
     *                 action's own targeters would give
     */
    public record DefinitionEffect(double strength, List<Double> move) {
        public DefinitionEffect {
            move = List.copyOf(move);
        }

        String line() {
            return "definition shift " + number(strength) + ": extended samples' p_j vs under the own targeters' "
                    + "definition, mean |difference| / mean p_j: " + perAction(j -> percent(move.get(j), 0));
        }
    }

    /**
     * @param strength      the {@link SimulatorConfig#targetedDelivery()} knob
     * @param deliveredRate per action as a target, the mean true probability of the target action on the
     *                      clicks of the advertisers targeting it
     * @param featureRate   the same for the same clicks without delivery's latent intent: the rate their
     *                      logged features explain
     */
    public record DeliveryEffect(double strength, List<Double> deliveredRate, List<Double> featureRate) {
        public DeliveryEffect {
            deliveredRate = List.copyOf(deliveredRate);
            featureRate = List.copyOf(featureRate);
        }

        String line() {
            return "targeted delivery " + number(strength) + ": target action's true rate on its advertisers' clicks "
                    + "vs the same clicks without the latent intent: "
                    + perAction(j -> percent(deliveredRate.get(j), 3) + " vs " + percent(featureRate.get(j), 3));
        }
    }

    /**
     * @param meanDelay         the {@link SimulatorConfig#postbackDelay()} knob
     * @param window            the {@link SimulatorConfig#attributionWindow()} knob, 0 for none
     * @param arrived           per split, the share of the true conversions of non-target actions whose
     *                          postback arrived by the time the split's labels were collected
     * @param reported          per split, the share of them that is reported (reporting completeness on top)
     * @param arrivedByTrainDay the arrived share per training day, first to last
     */
    public record PostbackEffect(double meanDelay, int window, Map<Split, Double> arrived, Map<Split, Double> reported,
                                 List<Double> arrivedByTrainDay) {
        public PostbackEffect {
            arrived = Map.copyOf(arrived);
            reported = Map.copyOf(reported);
            arrivedByTrainDay = List.copyOf(arrivedByTrainDay);
        }

        String line() {
            return "postbacks, mean delay " + number(meanDelay) + " d, " + (window == 0 ? "no window" : "window " + window + " d")
                    + ": non-target conversions arrived by label collection: train " + percent(arrived.get(Split.TRAIN), 0)
                    + " (first day " + percent(arrivedByTrainDay.getFirst(), 0) + ", last day "
                    + percent(arrivedByTrainDay.getLast(), 0) + "), valid " + percent(arrived.get(Split.VALID), 0)
                    + ", test " + percent(arrived.get(Split.TEST), 0) + "; reported: train "
                    + percent(reported.get(Split.TRAIN), 0) + ", valid " + percent(reported.get(Split.VALID), 0)
                    + ", test " + percent(reported.get(Split.TEST), 0);
        }
    }

    /** One line per mechanism that is on, in knob order; none when every mechanism is off. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        definitions.ifPresent(effect -> lines.add(effect.line()));
        delivery.ifPresent(effect -> lines.add(effect.line()));
        postbacks.ifPresent(effect -> lines.add(effect.line()));
        return lines;
    }

    private static String perAction(Function<Integer, String> value) {
        List<String> parts = new ArrayList<>();
        for (Action action : Action.values()) {
            parts.add(action.key() + " " + value.apply(action.ordinal()));
        }
        return String.join(", ", parts);
    }

    private static String percent(double share, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * share);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
