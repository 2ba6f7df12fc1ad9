package io.kaml.sim;

import io.kaml.data.OutputDirectoryRule;
import io.kaml.data.Split;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * The directory the simulator writes into, by {@link OutputDirectoryRule}: a previous simulator output
 * (a {@code simulator.json} and nothing but simulator files) may be replaced without force.
 */
final class OutputDirectory {
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private OutputDirectory() {
    }

    /** Every file name the simulator writes. */
    static Set<String> fileNames() {
        return Set.of(SampleColumns.fileName(Split.TRAIN), SampleColumns.fileName(Split.VALID), SampleColumns.fileName(Split.TEST),
                SampleColumns.TRUTH_FILE, SampleColumns.DATASET_FILE, SampleColumns.CONFIG_FILE, SampleColumns.REPORTING_FILE);
    }

    static String temporaryName(String name) {
        return "." + name + TEMPORARY_SUFFIX;
    }

    /**
     * Makes {@code directory} ready to receive a new output and removes its {@code dataset.yaml}, so
     * that until the new output is complete the directory does not read as a dataset.
     *
     * @throws FileAlreadyExistsException when it holds other files and {@code force} is off
     */
    static void prepare(Path directory, boolean force) throws IOException {
        OutputDirectoryRule.prepare(directory, force, "simulator output",
                names -> names.contains(SampleColumns.CONFIG_FILE) && names.stream().allMatch(OutputDirectory::isOurs));
        Files.deleteIfExists(directory.resolve(SampleColumns.DATASET_FILE));
    }

    /** Writes a small text file through a temporary name, like the CSV files. */
    static void writeText(Path directory, String name, String text) throws IOException {
        Path temporary = directory.resolve(temporaryName(name));
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        moveIntoPlace(temporary, directory.resolve(name));
    }

    static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean isOurs(String name) {
        Set<String> ours = fileNames();
        return ours.contains(name)
                || name.startsWith(".") && name.endsWith(TEMPORARY_SUFFIX)
                && ours.contains(name.substring(1, name.length() - TEMPORARY_SUFFIX.length()));
    }
}
