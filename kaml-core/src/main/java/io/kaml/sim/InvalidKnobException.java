package io.kaml.sim;

/** A simulator knob has a value the simulator cannot work with; {@link #knob()} names it. */
public final class InvalidKnobException extends IllegalArgumentException {
    private final String knob;
    private final String problem;

    InvalidKnobException(String knob, String problem) {
        super(knob + ": " + problem);
        this.knob = knob;
        this.problem = problem;
    }

    /** The name of the offending {@link SimulatorConfig} component, e.g. {@code clicksPerDay}. */
    public String knob() {
        return knob;
    }

    /** What is wrong with the value, without the knob's name, e.g. {@code must be at least 1, got 0}. */
    public String problem() {
        return problem;
    }
}
