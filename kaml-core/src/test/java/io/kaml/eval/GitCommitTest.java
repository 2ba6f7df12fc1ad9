package io.kaml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommitTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryOutsideAnyCheckoutHasNoCommit() {
        assumeTrue(gitRuns(), "git is not installed");
        assumeTrue(git(dir, "rev-parse", "--git-dir") == null, "the temporary directory is inside a git checkout");
        assertThat(GitCommit.of(dir)).isNull();
        assertThat(GitCommit.of(dir.resolve("missing"))).isNull();
    }

    @Test
    void aCheckoutsHeadAndWhetherTrackedFilesChanged() throws Exception {
        assumeTrue(gitRuns(), "git is not installed");
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("sub"));
        Files.writeString(repo.resolve("sub/a.txt"), "one\n");
        assertThat(git(repo, "init", "-q")).isNotNull();
        assertThat(git(repo, "add", "sub/a.txt")).isNotNull();
        assertThat(git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one")).isNotNull();
        String head = git(repo, "rev-parse", "HEAD").strip();

        // From a subdirectory, as from a jar's or a classes directory inside the checkout.
        assertThat(GitCommit.of(repo.resolve("sub"))).isEqualTo(new GitCommit(head, false));
        Files.writeString(repo.resolve("untracked.txt"), "not part of the code\n");
        assertThat(GitCommit.of(repo)).isEqualTo(new GitCommit(head, false));
        Files.writeString(repo.resolve("sub/a.txt"), "two\n");
        assertThat(GitCommit.of(repo)).isEqualTo(new GitCommit(head, true));
    }

    private static boolean gitRuns() {
        return git(Path.of("."), "--version") != null;
    }

    /** Standard output of a git command that succeeded, else null. */
    private static String git(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
