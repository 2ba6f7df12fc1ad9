package io.kaml.sim;

import java.util.Locale;

/** The three day-based splits of the evaluation protocol, in time order. */
public enum Split {
    TRAIN, VALID, TEST;

    /** The lower-case name used in files: {@code train}, {@code valid}, {@code test}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The sample file of the split, e.g. {@code train.csv.gz}. */
    public String fileName() {
        return key() + ".csv.gz";
    }
}
