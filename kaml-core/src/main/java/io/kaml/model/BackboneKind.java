package io.kaml.model;

import io.kaml.nn.ParameterSet;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/** The backbones a user can name; adding one is a class and a line here. */
public enum BackboneKind {
    SINGLE_TASK("single-task", SingleTask::new),
    SHARED_BOTTOM("shared-bottom", SharedBottom::new),
    MMOE("mmoe", Mmoe::new),
    PLE("ple", Ple::new);

    /** The constructor every backbone offers. */
    @FunctionalInterface
    public interface Factory {
        Backbone create(ParameterSet parameters, ModelConfig config, int inputWidth, int tasks, RandomGenerator random);
    }

    private final String key;
    private final Factory factory;

    BackboneKind(String key, Factory factory) {
        this.key = key;
        this.factory = factory;
    }

    public String key() {
        return key;
    }

    public Backbone create(ParameterSet parameters, ModelConfig config, int inputWidth, int tasks, RandomGenerator random) {
        return factory.create(parameters, config, inputWidth, tasks, random);
    }

    public static BackboneKind parse(String key) {
        for (BackboneKind kind : values()) {
            if (kind.key.equals(key)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown backbone '" + key + "' (expected one of "
                + Arrays.stream(values()).map(BackboneKind::key).toList() + ")");
    }
}
