package io.kaml.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The five conversion actions of the simulated funnel, in funnel order: every action's parent comes
 * before it, so walking {@link #values()} in order always sees a parent's label before its children.
 *
 * <p>The base rates are the shares of all clicks that convert to the action (the funnel's marginal
 * probability averaged over clicks). The skewed rates mimic industrial logs, where the deepest
 * actions are two orders of magnitude rarer than the shallowest; the flat rates are used by the
 * {@code noSkew} knob and stay within a factor of two of each other while keeping the funnel
 * ordering (a child can never be more frequent than its parent).
 */
public enum Action {
    ACTIVATION(null, 0.12, 0.075),
    REGISTRATION(ACTIVATION, 0.05, 0.06),
    PAYMENT(REGISTRATION, 0.015, 0.05),
    RETENTION(ACTIVATION, 0.04, 0.05),
    PURCHASE(PAYMENT, 0.003, 0.04);

    /** The number of actions, for sizing per-action arrays. */
    public static final int COUNT = values().length;

    private final Action parent;
    private final double skewedRate;
    private final double flatRate;

    Action(Action parent, double skewedRate, double flatRate) {
        this.parent = parent;
        this.skewedRate = skewedRate;
        this.flatRate = flatRate;
    }

    /** The lower-case name used in files: {@code activation}, {@code purchase}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action that must happen first, or {@code null} for the funnel's entry. */
    public Action parent() {
        return parent;
    }

    /** The share of clicks converting to this action, with or without the skew of real logs. */
    public double baseRate(boolean skewed) {
        return skewed ? skewedRate : flatRate;
    }

    /** The file keys of all actions, in order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Action::key).toList();
    }
}
