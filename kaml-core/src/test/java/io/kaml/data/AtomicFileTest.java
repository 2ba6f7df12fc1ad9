package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    /** Above Linux's largest pid (2^22): no process has it. */
    static final long DEAD = 999_999_999L;

    @TempDir
    Path dir;

    @Test
    void theNextWriteRemovesTemporariesOfDeadWritersOfTheSameTargetOnly() throws IOException {
        Path target = dir.resolve("m.kaml");
        long self = ProcessHandle.current().pid();
        Path dead = Files.writeString(dir.resolve(".m.kaml." + DEAD + ".123.tmp"), "half a checkpoint");
        Path live = Files.writeString(dir.resolve(".m.kaml." + self + ".456.tmp"), "another writer's, still running");
        Path otherTarget = Files.writeString(dir.resolve(".n.kaml." + DEAD + ".1.tmp"), "another target's");
        Path notOurs = Files.writeString(dir.resolve(".m.kaml.notapid.tmp"), "not a name we make");
        AtomicFile.write(target, "new".getBytes());
        assertThat(target).hasContent("new");
        assertThat(dead).doesNotExist();
        assertThat(live).exists();
        assertThat(otherTarget).exists();
        assertThat(notOurs).exists();
    }

    @Test
    void aFailedWriteNamesTheTargetAndLeavesNoTemporary() throws IOException {
        Path target = dir.resolve("metrics.json");
        assertThatThrownBy(() -> AtomicFile.write(target, out -> {
            throw new IOException("No space left on device");
        })).isInstanceOf(FileSystemException.class).hasMessage(target + ": No space left on device");
        assertThat(target).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    /** Models and reports were 0600 whatever the umask: the temporary came from Files.createTempFile. */
    @Test
    void aNewFileGetsThePermissionsAPlainWriteWouldGive() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        Path plain = dir.resolve("plain.json");
        try (OutputStream out = Files.newOutputStream(plain)) {
            out.write('x');
        }
        Path target = dir.resolve("metrics.json");
        AtomicFile.write(target, "{}".getBytes());
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
        // and so does a file written through the streaming pair
        Path streamed = dir.resolve("log.parquet");
        AtomicFile.publish(Files.writeString(AtomicFile.temporaryFor(streamed), "x"), streamed);
        assertThat(Files.getPosixFilePermissions(streamed)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        Path target = dir.resolve("m.kaml");
        AtomicFile.write(target, "old".getBytes());
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-rw----");
        Files.setPosixFilePermissions(target, shared);
        AtomicFile.write(target, "new".getBytes());
        assertThat(target).hasContent("new");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(shared);
    }

    @Test
    void onlyOurNamesOfDeadProcessesAreLeftovers() {
        assertThat(AtomicFile.isLeftover(".m.kaml." + DEAD + ".7.tmp", ".m.kaml.")).isTrue();
        assertThat(AtomicFile.isLeftover(".m.kaml." + ProcessHandle.current().pid() + ".7.tmp", ".m.kaml.")).isFalse();
        assertThat(AtomicFile.isLeftover(".m.kaml." + DEAD + ".7.part", ".m.kaml.")).isFalse();
        assertThat(AtomicFile.isLeftover(".m.kaml..7.tmp", ".m.kaml.")).isFalse();
    }
}
