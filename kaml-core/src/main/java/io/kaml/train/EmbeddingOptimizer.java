package io.kaml.train;

import java.util.Arrays;

/** The update rules for sparse (embedding) parameters; both touch only the rows a batch used. */
public enum EmbeddingOptimizer {
    /**
     * Adam on the touched rows, with per-row bias correction. Unlike dense Adam, rows a batch did not
     * use keep their moments frozen instead of decaying them and moving on momentum.
     */
    LAZY_ADAM("lazy_adam"),
    /** Adagrad on the touched rows; without L2 equal to dense Adagrad, which leaves zero-gradient rows alone. */
    ADAGRAD("adagrad");

    private final String key;

    EmbeddingOptimizer(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static EmbeddingOptimizer parse(String key) {
        for (EmbeddingOptimizer kind : values()) {
            if (kind.key.equals(key)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("optimizer key 'embedding_optimizer' must be one of "
                + Arrays.stream(values()).map(EmbeddingOptimizer::key).toList() + ", got '" + key + "'");
    }
}
