package io.kaml.sim;

/** A simulator knob has a value the simulator cannot work with; {@link #knob()} names it. */
public final class InvalidKnobException extends IllegalArgumentException {
    private final String knob;

    InvalidKnobException(String knob, String problem) {
        super(knob + ": " + problem);
        this.knob = knob;
    }

    /** The name of the offending {@link SimulatorConfig} component, e.g. {@code clicksPerDay}. */
    public String knob() {
        return knob;
    }
}
