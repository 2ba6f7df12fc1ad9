package io.kaml.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a part:
 * the content goes to a hidden temporary file in the same directory, is forced to disk, and is then
 * renamed over the target. A failure leaves the target untouched and removes the temporary file.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** What writes the content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Content content) throws IOException {
        Path tmp = temporaryFor(target);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
            }
            publish(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A new hidden temporary file beside {@code target} (its directory is created), for writers that stream. */
    public static Path temporaryFor(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    }

    /** Forces the finished {@code tmp} (from {@link #temporaryFor}) to disk and renames it over {@code target}. */
    public static void publish(Path tmp, Path target) throws IOException {
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
