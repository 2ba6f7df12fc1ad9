package io.kaml.eval;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The git commit of the kaml checkout a report's code ran from, asked of git when the report is
 * written. The code's own directory, not the working directory: a user may run kaml from a checkout of
 * their data or scripts, whose commit says nothing about the code that computed the numbers. Anything
 * that goes wrong (no git, not a checkout, an installed jar, a git that hangs) means "unknown", never a
 * failed report.
 *
 * @param hash               the full commit hash of HEAD
 * @param uncommittedChanges whether tracked files differ from it, so the code is not exactly that commit
 */
public record GitCommit(String hash, boolean uncommittedChanges) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final long TIMEOUT_SECONDS = 10;

    /** The commit of the checkout holding this class's code (a jar's directory, or the classes directory), or null. */
    public static GitCommit ofCode() {
        try {
            var source = GitCommit.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path code = Path.of(source.getLocation().toURI());
            return of(Files.isDirectory(code) ? code : code.getParent());
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException | SecurityException e) {
            // Code loaded from somewhere other than a file (a nested jar, a custom class loader): no checkout to ask.
            return null;
        }
    }

    /** The commit of the checkout {@code directory} is in, or null when git cannot tell. */
    static GitCommit of(Path directory) {
        if (directory == null) {
            return null;
        }
        Result head = git(directory, "rev-parse", "HEAD");
        if (head == null || head.exit != 0 || !HASH.matcher(head.output.strip()).matches()) {
            return null;
        }
        // Exit 1 when a tracked file differs from HEAD, 0 when none does. --no-optional-locks: comparing must not take the
        // index lock from a user's git command running beside it.
        Result diff = git(directory, "--no-optional-locks", "diff", "--quiet", "HEAD", "--");
        return diff == null || diff.exit > 1 ? null : new GitCommit(head.output.strip(), diff.exit == 1);
    }

    private record Result(int exit, String output) {
    }

    /**
     * Runs git in {@code directory}; null when it cannot start or takes longer than {@value #TIMEOUT_SECONDS} s. The
     * commands used print at most a line, which fits the pipe, so waiting before reading cannot block.
     */
    private static Result git(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return null;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return null;
            }
            try (InputStream out = process.getInputStream()) {
                return new Result(process.exitValue(), new String(out.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            process.destroyForcibly();
        }
    }
}
