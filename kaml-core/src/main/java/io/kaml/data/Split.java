package io.kaml.data;

import java.util.Locale;

/** The three day-ordered parts of a dataset (METHOD §7.1). */
public enum Split {
    TRAIN, VALID, TEST;

    /** The key used in dataset.yaml and on the command line. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Split parse(String key) {
        for (Split split : values()) {
            if (split.key().equals(key)) {
                return split;
            }
        }
        throw new IllegalArgumentException("unknown split '" + key + "' (expected train, valid or test)");
    }
}
