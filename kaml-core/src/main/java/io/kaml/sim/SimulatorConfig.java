package io.kaml.sim;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kaml.data.Split;

/**
 * Every knob of the simulator. The same config (seed included) always produces byte-identical files.
 *
 * <p>The mechanisms of issue 13 §2 ({@code definitionShift}, {@code targetedDelivery}, {@code postbackDelay}
 * with {@code attributionWindow}) are knobs whose off position is 0, and at 0 the files are byte for byte
 * those of versions without the mechanism: their draws come from streams of their own, and
 * {@code simulator.json} leaves out a knob at 0 (reading it back gives 0), so an old output still reads as
 * the same world.
 *
 * @param seed              seeds every random draw; the world, the clicks, the outcomes and the
 *                          reports use separate streams derived from it
 * @param days              number of simulated days; the last {@code testDays} are the test split, the
 *                          {@code validDays} before them the validation split, the rest training
 * @param clicksPerDay      clicks (samples) generated per day
 * @param validDays         days in the validation split
 * @param testDays          days in the test split
 * @param users             size of the user population
 * @param advertisers       number of advertisers; at least one per action so every action is a target
 * @param ads               number of ads, shared out among advertisers (at least one each)
 * @param noShift           clicks ignore how well user and ad match: every ad, hence every industry,
 *                          sees the same user population (switches off the distribution shift
 *                          between the advertisers targeting different actions)
 * @param reliableReporting every advertiser reports every action completely and at once (no postback
 *                          delay), so every observed label is the true label (switches off incomplete reporting)
 * @param noSkew            the base rates of all actions are made similar (4-7.5% of clicks instead
 *                          of 0.3-12%), keeping the funnel order (switches off label skew)
 * @param fullLabels        the sample files carry the true label of every action, while the world,
 *                          including who would report what, stays exactly as without the knob: the
 *                          oracle twin of the same seed's incomplete dataset
 * @param definitionShift   S in 0..5, how differently advertisers define the same action: an advertiser
 *                          targeting t sees action j's logit moved by {@code S * g_{j,t}(user)}, a unit-variance
 *                          function of the user's taste drawn per (action, target) pair, so an action's
 *                          conversion rate given the logged features differs between its original and its
 *                          extended samples; 0 (off) gives every target the same definitions
 * @param targetedDelivery  W in 0..5, how strongly delivery selects clicks on a signal of the target action
 *                          that the log does not hold: each candidate ad of a click has a latent intent
 *                          {@code eta ~ N(0, 1)}, its selection weight is multiplied by {@code exp(W * eta)},
 *                          and the delivered click's target action gets {@code W * eta} on its logit, so
 *                          the target converts more on delivered clicks than the logged features explain;
 *                          0 (off) selects on user and ad alone
 * @param postbackDelay     mean delay in days (0..3650) of a non-target action's conversion after its click:
 *                          geometric on whole days, drawn per action; a conversion is reported only if it
 *                          happens by the end of the last day of the click's split, when that split's labels
 *                          are collected, and within {@code attributionWindow}; so the last training days are
 *                          less complete and unlabeled samples hold real conversions. The target action is
 *                          still reported completely and at once. 0 (off): every conversion the same day
 * @param attributionWindow days (0..3650) after the click within which a delayed conversion is attributed
 *                          to it; later ones are never reported. 0: no window. Only matters with a delay
 */
public record SimulatorConfig(
        long seed,
        int days,
        int clicksPerDay,
        int validDays,
        int testDays,
        int users,
        int advertisers,
        int ads,
        boolean noShift,
        boolean reliableReporting,
        boolean noSkew,
        boolean fullLabels,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) double definitionShift,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) double targetedDelivery,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) double postbackDelay,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int attributionWindow) {

    /**
     * Four weeks of training, one validation day, one test day; about 600,000 samples. The three mechanisms
     * real logs have are on at a moderate strength, chosen by judgement of what logs look like, not by how
     * any preset does on them: a target's definition differs from another's by about what two actions
     * differ by (shift 0.5), delivery selects on a modest unlogged intent (0.5, below the target offset of
     * 1), and postbacks arrive after a day on average within a 7-day attribution window.
     */
    public static final SimulatorConfig DEFAULT = new SimulatorConfig(20251215L, 30, 20_000, 1, 1, 40_000, 300, 3_000,
            false, false, false, false,
            0.5, // definitionShift
            0.5, // targetedDelivery
            1,   // postbackDelay
            7);  // attributionWindow

    /** The largest strength of a mechanism: beyond it logits saturate and base rates cannot be calibrated. */
    static final double MAX_STRENGTH = 5;

    // Caps keep every count in an int and every sample id in a long with room to spare.
    private static final int MAX_DAYS = 3_650;
    private static final int MAX_CLICKS_PER_DAY = 50_000_000;
    private static final int MAX_ENTITIES = 20_000_000;

    public SimulatorConfig {
        require("days", days >= 1 && days <= MAX_DAYS, "must be in 1.." + MAX_DAYS + ", got " + days);
        require("clicksPerDay", clicksPerDay >= 1 && clicksPerDay <= MAX_CLICKS_PER_DAY,
                "must be in 1.." + MAX_CLICKS_PER_DAY + ", got " + clicksPerDay);
        require("validDays", validDays >= 1, "must be at least 1, got " + validDays);
        require("testDays", testDays >= 1, "must be at least 1, got " + testDays);
        require("days", days > validDays + testDays, "must exceed validDays + testDays ("
                + validDays + " + " + testDays + ") to leave a training day, got " + days);
        require("users", users >= 1 && users <= MAX_ENTITIES,
                "must be in 1.." + MAX_ENTITIES + ", got " + users);
        require("advertisers", advertisers >= Action.COUNT && advertisers <= MAX_ENTITIES,
                "must be in " + Action.COUNT + ".." + MAX_ENTITIES + " (one target per action at least), got "
                        + advertisers);
        require("ads", ads >= advertisers && ads <= MAX_ENTITIES,
                "must be in advertisers (" + advertisers + ").." + MAX_ENTITIES + ", got " + ads);
        requireStrength("definitionShift", definitionShift);
        requireStrength("targetedDelivery", targetedDelivery);
        require("postbackDelay", postbackDelay >= 0 && postbackDelay <= MAX_DAYS,
                "must be in 0.." + MAX_DAYS + " days, got " + postbackDelay);
        require("attributionWindow", attributionWindow >= 0 && attributionWindow <= MAX_DAYS,
                "must be in 0.." + MAX_DAYS + " days (0: no window), got " + attributionWindow);
    }

    // Written so that NaN fails too.
    private static void requireStrength(String knob, double value) {
        require(knob, value >= 0 && value <= MAX_STRENGTH, "must be in 0.." + (int) MAX_STRENGTH + ", got " + value);
    }

    private static void require(String knob, boolean ok, String problem) {
        if (!ok) {
            throw new InvalidKnobException(knob, problem);
        }
    }

    /** Days {@code 0 .. trainDays()-1} are the training split. */
    public int trainDays() {
        return days - validDays - testDays;
    }

    /** The last day of a split: its labels are collected at the end of that day. */
    public int lastDay(Split split) {
        return switch (split) {
            case TRAIN -> trainDays() - 1;
            case VALID -> days - testDays - 1;
            case TEST -> days - 1;
        };
    }

    /** The split a day belongs to. */
    public Split splitOf(int day) {
        if (day < trainDays()) {
            return Split.TRAIN;
        }
        return day < days - testDays ? Split.VALID : Split.TEST;
    }

    /** The total number of samples over all splits. */
    public long samples() {
        return (long) days * clicksPerDay;
    }

    /** A builder starting from {@link #DEFAULT}. */
    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Collects knob values; {@link #build()} validates them all at once, so the order of calls is free. */
    public static final class Builder {
        private long seed;
        private int days;
        private int clicksPerDay;
        private int validDays;
        private int testDays;
        private int users;
        private int advertisers;
        private int ads;
        private boolean noShift;
        private boolean reliableReporting;
        private boolean noSkew;
        private boolean fullLabels;
        private double definitionShift;
        private double targetedDelivery;
        private double postbackDelay;
        private int attributionWindow;

        private Builder(SimulatorConfig from) {
            seed = from.seed;
            days = from.days;
            clicksPerDay = from.clicksPerDay;
            validDays = from.validDays;
            testDays = from.testDays;
            users = from.users;
            advertisers = from.advertisers;
            ads = from.ads;
            noShift = from.noShift;
            reliableReporting = from.reliableReporting;
            noSkew = from.noSkew;
            fullLabels = from.fullLabels;
            definitionShift = from.definitionShift;
            targetedDelivery = from.targetedDelivery;
            postbackDelay = from.postbackDelay;
            attributionWindow = from.attributionWindow;
        }

        public Builder seed(long value) { seed = value; return this; }
        public Builder days(int value) { days = value; return this; }
        public Builder clicksPerDay(int value) { clicksPerDay = value; return this; }
        public Builder validDays(int value) { validDays = value; return this; }
        public Builder testDays(int value) { testDays = value; return this; }
        public Builder users(int value) { users = value; return this; }
        public Builder advertisers(int value) { advertisers = value; return this; }
        public Builder ads(int value) { ads = value; return this; }
        public Builder noShift(boolean value) { noShift = value; return this; }
        public Builder reliableReporting(boolean value) { reliableReporting = value; return this; }
        public Builder noSkew(boolean value) { noSkew = value; return this; }
        public Builder fullLabels(boolean value) { fullLabels = value; return this; }
        public Builder definitionShift(double value) { definitionShift = value; return this; }
        public Builder targetedDelivery(double value) { targetedDelivery = value; return this; }
        public Builder postbackDelay(double value) { postbackDelay = value; return this; }
        public Builder attributionWindow(int value) { attributionWindow = value; return this; }

        /** @throws InvalidKnobException naming the first knob with a bad value */
        public SimulatorConfig build() {
            return new SimulatorConfig(seed, days, clicksPerDay, validDays, testDays, users, advertisers, ads,
                    noShift, reliableReporting, noSkew, fullLabels, definitionShift,
                    targetedDelivery, postbackDelay, attributionWindow);
        }
    }
}
