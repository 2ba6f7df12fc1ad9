package io.kaml.data;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The rule for a directory that a command fills with a whole new dataset (simulate, hide-labels): it is
 * created when missing, and a non-empty one is written into only when it holds a previous output of the
 * same command or when forced, so the files of a real dataset are not overwritten by accident.
 */
public final class OutputDirectoryRule {
    private OutputDirectoryRule() {
    }

    /**
     * Creates {@code directory} when missing; refuses it unless it is empty or {@code force} is on.
     *
     * @throws NotDirectoryException      when it is a file
     * @throws FileAlreadyExistsException when it holds files and {@code force} is off
     */
    public static void prepare(Path directory, boolean force) throws IOException {
        prepare(directory, force, null, names -> false);
    }

    /**
     * As {@link #prepare(Path, boolean)}, also accepting a directory whose file names (sorted) are a
     * previous output of the command by {@code previous}.
     *
     * @param kind what such an output is called in the refusal, e.g. "simulator output"; null when the
     *             command recognises none
     */
    public static void prepare(Path directory, boolean force, String kind, Predicate<List<String>> previous) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new NotDirectoryException(directory.toString());
        }
        Files.createDirectories(directory);
        List<String> names;
        try (Stream<Path> entries = Files.list(directory)) {
            names = entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (!names.isEmpty() && !force && !previous.test(names)) {
            String shown = String.join(", ", names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? ", ..." : "");
            throw new FileAlreadyExistsException(directory.toString(), null,
                    (kind == null ? "not empty" : "not empty and not a previous " + kind) + " (holds " + shown + ")");
        }
    }
}
