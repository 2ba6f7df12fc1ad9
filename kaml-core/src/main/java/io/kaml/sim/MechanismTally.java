package io.kaml.sim;

import io.kaml.data.Split;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures the mechanisms of issue 13 §2 click by click, evaluating the counterfactual probabilities each
 * needs; a mechanism that is off costs nothing.
 */
final class MechanismTally {
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
    // True conversions of non-target actions, and of those the ones whose postback arrived and the ones reported.
    private final long[] conversions = new long[Split.values().length];
    private final long[] arrivals = new long[Split.values().length];
    private final long[] reports = new long[Split.values().length];
    private final long[] conversionsByDay;
    private final long[] arrivalsByDay;

    MechanismTally(SimulatorConfig config, ConversionFunnel funnel) {
        this.config = config;
        this.funnel = funnel;
        conversionsByDay = new long[config.days()];
        arrivalsByDay = new long[config.days()];
    }

    /**
     * Counts one click on {@code day}: its true marginal probabilities, true labels, reported labels and
     * which postbacks arrived.
     */
    void add(int day, Click click, double[] marginal, boolean[] truth, boolean[] observed, boolean[] arrived) {
        int target = click.target.ordinal();
        if (config.definitionShift() > 0) {
            funnel.probabilities(click, ConversionFunnel.Variant.OWN_DEFINITIONS, conditional, counterfactual);
            for (int j = 0; j < N; j++) {
                if (j != target) {
                    definitionMoveSum[j] += Math.abs(marginal[j] - counterfactual[j]);
                    extendedProbabilitySum[j] += marginal[j];
                }
            }
        }
        if (config.targetedDelivery() > 0) {
            funnel.probabilities(click, ConversionFunnel.Variant.WITHOUT_INTENT, conditional, counterfactual);
            deliveredSum[target] += marginal[target];
            featureSum[target] += counterfactual[target];
            targetClicks[target]++;
        }
        if (config.postbackDelay() > 0) {
            int split = config.splitOf(day).ordinal();
            for (int j = 0; j < N; j++) {
                if (j != target && truth[j]) {
                    conversions[split]++;
                    arrivals[split] += arrived[j] ? 1 : 0;
                    reports[split] += observed[j] ? 1 : 0;
                    conversionsByDay[day]++;
                    arrivalsByDay[day] += arrived[j] ? 1 : 0;
                }
            }
        }
    }

    MechanismEffects summarise() {
        return new MechanismEffects(definitions(), delivery(), postbacks());
    }

    private Optional<MechanismEffects.DefinitionEffect> definitions() {
        if (config.definitionShift() == 0) {
            return Optional.empty();
        }
        List<Double> move = new ArrayList<>();
        for (int j = 0; j < N; j++) {
            move.add(ratio(definitionMoveSum[j], extendedProbabilitySum[j]));
        }
        return Optional.of(new MechanismEffects.DefinitionEffect(config.definitionShift(), move));
    }

    private Optional<MechanismEffects.DeliveryEffect> delivery() {
        if (config.targetedDelivery() == 0) {
            return Optional.empty();
        }
        List<Double> delivered = new ArrayList<>();
        List<Double> features = new ArrayList<>();
        for (int t = 0; t < N; t++) {
            delivered.add(ratio(deliveredSum[t], targetClicks[t]));
            features.add(ratio(featureSum[t], targetClicks[t]));
        }
        return Optional.of(new MechanismEffects.DeliveryEffect(config.targetedDelivery(), delivered, features));
    }

    private Optional<MechanismEffects.PostbackEffect> postbacks() {
        if (config.postbackDelay() == 0) {
            return Optional.empty();
        }
        Map<Split, Double> arrived = new EnumMap<>(Split.class);
        Map<Split, Double> reported = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            arrived.put(split, ratio(arrivals[split.ordinal()], conversions[split.ordinal()]));
            reported.put(split, ratio(reports[split.ordinal()], conversions[split.ordinal()]));
        }
        List<Double> byDay = new ArrayList<>();
        for (int day = 0; day < config.trainDays(); day++) {
            byDay.add(ratio(arrivalsByDay[day], conversionsByDay[day]));
        }
        return Optional.of(new MechanismEffects.PostbackEffect(config.postbackDelay(), config.attributionWindow(),
                arrived, reported, byDay));
    }

    private static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : 0;
    }
}
