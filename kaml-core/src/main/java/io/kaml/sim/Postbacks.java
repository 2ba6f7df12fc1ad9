package io.kaml.sim;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Delayed, partial post-backs ({@link SimulatorConfig#postbackDelay()},
 * {@link SimulatorConfig#attributionWindow()}). In real logs an advertiser's postback of a conversion
 * arrives when the conversion happens, often days after the click, and the platform only attributes
 * conversions within a window after the click. Labels are read at some moment, so the most recent clicks
 * have not had time to convert: their zeros are partly conversions still to come.
 *
 * <p>Each non-target action's conversion happens after a delay of {@code K} whole days, geometric with
 * mean {@code m} ({@code P(K >= k) = (m / (1 + m))^k}), drawn per click and action from a stream of its
 * own. It reaches the log only if {@code K <= window} (when there is one) and {@code day + K} is no later
 * than the last day of the click's split: each split's labels are collected at the end of its last day.
 * So a split's last days are the least complete and ADM's window decides how much of them it trusts. The
 * target action is reported completely and at once, as advertisers optimise on it. Reporting
 * completeness ({@link ReportingPolicy}) applies on top.
 */
final class Postbacks {
    private static final int N = Action.COUNT;

    private final SimulatorConfig config;
    /** {@code ln(m / (1 + m))}, the log of the chance that a conversion waits one more day. */
    private final double logStay;

    Postbacks(SimulatorConfig config) {
        this.config = config;
        double mean = config.postbackDelay();
        logStay = Math.log(mean / (1 + mean));
    }

    /**
     * Sets {@code arrived[j]} when action {@code j}'s conversion of a click on {@code day} would have
     * reached the log by the time the labels are collected; the target's always has. Draws one delay per
     * action whether or not it converted, so the stream stays aligned across knobs; without a delay, or with
     * reliable reporting (whose promise is that observed labels are the true ones), it draws nothing and
     * everything has arrived.
     */
    void arrivals(int day, Action target, RandomGenerator rng, boolean[] arrived) {
        if (config.postbackDelay() == 0 || config.reliableReporting()) {
            Arrays.fill(arrived, true);
            return;
        }
        int collected = config.lastDay(config.splitOf(day));
        for (int j = 0; j < N; j++) {
            double delay = delay(rng.nextDouble());
            arrived[j] = j == target.ordinal() || arrives(day, delay, collected);
        }
    }

    /** The delay in whole days for a uniform draw in [0, 1), by inverting the geometric distribution. */
    double delay(double uniform) {
        return Math.floor(Math.log1p(-uniform) / logStay);
    }

    /** Whether a conversion {@code delay} days after a click on {@code day} is in the labels collected after day {@code collected}. */
    boolean arrives(int day, double delay, int collected) {
        boolean attributed = config.attributionWindow() == 0 || delay <= config.attributionWindow();
        return attributed && day + delay <= collected;
    }
}
