package io.kaml.serve;

/**
 * A request the model cannot score as given: an unknown feature or action, or a value of the wrong
 * type. The message starts with the path of the offending field, e.g.
 * {@code features.price: expected a number, got "abc"}, so a caller can show it as it is.
 */
public final class PredictionException extends RuntimeException {
    private final String path;
    private final String problem;

    public PredictionException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    /** Where the problem is, e.g. {@code features.price} or {@code instances[3].target}. */
    public String path() {
        return path;
    }

    /** What is wrong there, without the path. */
    public String problem() {
        return problem;
    }

    /** The same problem one level further down, e.g. inside {@code instances[3]}. */
    PredictionException within(String parent) {
        return new PredictionException(parent + "." + path, problem);
    }
}
