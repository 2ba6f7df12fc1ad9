package io.kaml.sim;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Independent, reproducible random streams derived from one seed. Each purpose (and each day) has
 * its own stream so that a knob that changes one part of the story leaves the others' draws alone:
 * {@code fullLabels} or {@code reliableReporting} change no click, and {@code noSkew} keeps the same
 * clicks and the same outcome coins.
 */
final class RandomStreams {
    // New purposes go at the end: a purpose's stream is keyed by its ordinal.
    enum Purpose { POPULATION, CATALOG, FUNNEL, REPORTING, CALIBRATION, CLICKS, OUTCOMES, REPORTS, DEFINITIONS, INTENTS, POSTBACKS }

    private final long seed;

    RandomStreams(long seed) {
        this.seed = seed;
    }

    /** The stream of a purpose that is not tied to a day. */
    RandomGenerator of(Purpose purpose) {
        return forDay(purpose, -1);
    }

    /** The stream of a purpose on one day. */
    RandomGenerator forDay(Purpose purpose, int day) {
        long key = mix(mix(seed ^ 0x9E3779B97F4A7C15L * (purpose.ordinal() + 1)) + day);
        return new SplittableRandom(key);
    }

    // The SplitMix64 finaliser: nearby inputs (seed 1 vs 2, day 3 vs 4) give unrelated outputs.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
