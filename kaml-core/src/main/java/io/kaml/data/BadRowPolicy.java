package io.kaml.data;

/** What a reader does with a row that breaks the data contract. */
public enum BadRowPolicy {
    /** Stop at the first bad row with an error naming file, line and column. */
    FAIL,
    /** Leave the row out and count it by reason; the count is reported at the end. */
    SKIP
}
