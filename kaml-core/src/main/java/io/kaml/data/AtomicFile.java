package io.kaml.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a part:
 * the content goes to a hidden temporary file in the same directory, is forced to disk, and is then
 * renamed over the target. A failure leaves the target untouched and removes the temporary file.
 *
 * <p>A process killed while writing cannot remove its temporary file (a checkpoint's can be hundreds of
 * MB), so temporaries are named {@code .<target>.<pid>.<random>.tmp}: the next write of the same target
 * removes those whose process no longer runs on this machine, and leaves a live writer's alone.
 *
 * <p>The file ends with the permissions a plain write would give it: those of the file it replaces, or
 * for a new file the default the process's umask leaves. (A temporary from {@code Files.createTempFile}
 * is 0600 on POSIX systems, and the rename would carry that over to every model and report.)
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** What writes the content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** @throws IOException naming {@code target} when writing fails (a full disk says only "No space left on device") */
    public static void write(Path target, Content content) throws IOException {
        Path tmp = temporaryFor(target);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
            }
            publish(tmp, target);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw (IOException) new FileSystemException(target.toString(), null, e.getMessage()).initCause(e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A new hidden temporary file beside {@code target} (its directory is created), for writers that stream;
     * temporaries of the same target left by processes that have died are removed first.
     */
    public static Path temporaryFor(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String prefix = "." + target.getFileName() + ".";
        removeLeftovers(dir, prefix);
        // createFile gives the umask's default permissions, as Files.newOutputStream would; the pid and 64 random
        // bits keep concurrent writers' names apart (createFile would refuse a name that is taken).
        return Files.createFile(dir.resolve(prefix + ProcessHandle.current().pid() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".tmp"));
    }

    private static void removeLeftovers(Path dir, String prefix) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> isLeftover(p.getFileName().toString(), prefix))) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** {@code .<target>.<pid>.<random>.tmp} of a process that is not running. */
    static boolean isLeftover(String name, String prefix) {
        if (!name.startsWith(prefix) || !name.endsWith(".tmp")) {
            return false;
        }
        String rest = name.substring(prefix.length());
        int dot = rest.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(rest.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /**
     * Forces the finished {@code tmp} (from {@link #temporaryFor}) to disk and renames it over {@code target},
     * giving it the permissions of the {@code target} it replaces.
     */
    public static void publish(Path tmp, Path target) throws IOException {
        PosixFileAttributeView replaced = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (replaced != null) {
            try {
                Files.setPosixFilePermissions(tmp, replaced.readAttributes().permissions());
            } catch (NoSuchFileException e) {
                // a new file: the umask's default, which the temporary has, stays
            }
        }
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }
}
