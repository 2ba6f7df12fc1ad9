package io.kaml.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where one spec's {@link EncodedCache} lives, {@code root/<spec name>-<12 hex of its path's SHA-256>/},
 * and the file-system steps around it. A cache is built in a hidden sibling {@code .<name>.tmp-<random>}
 * and renamed into place when complete, so a killed build leaves only a sibling that the next open
 * removes. Opening holds a lock file ({@code .<name>.lock}) so that two processes given the same spec
 * do not build at once, nor remove each other's temporary directory. A {@code corrupt.txt} in the cache
 * records a checksum failure found while reading, so that the next open rebuilds.
 */
final class CacheDirectory {
    /** File locks are per process: threads of one process queue here before taking the file lock. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();
    private static final String CORRUPT = "corrupt.txt";

    private final Path root;
    private final String name;

    private CacheDirectory(Path root, String name) {
        this.root = root;
        this.name = name;
    }

    static CacheDirectory of(Path root, DatasetSpec spec) {
        Path source = spec.source().toAbsolutePath().normalize();
        String file = source.getFileName().toString();
        String stem = file.lastIndexOf('.') > 0 ? file.substring(0, file.lastIndexOf('.')) : file;
        String hash = CacheKey.sha256(source.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        return new CacheDirectory(root.toAbsolutePath().normalize(), stem + "-" + hash);
    }

    Path path() {
        return root.resolve(name);
    }

    /** A held lock on one cache; closing releases it. */
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    /** Creates the root if needed and waits for the lock. */
    Lock lock(Consumer<String> log) {
        IN_PROCESS.lock();
        try {
            Files.createDirectories(root);
            FileChannel channel = FileChannel.open(root.resolve("." + name + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                if (channel.tryLock() == null) {
                    log.accept("waiting for another process that is building the cache at " + path());
                    channel.lock();
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            // Closing the channel releases its lock.
            return () -> {
                try {
                    channel.close();
                } catch (IOException e) {
                    // The lock goes with the channel whether or not close() reports a problem.
                } finally {
                    IN_PROCESS.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            IN_PROCESS.unlock();
            throw new DataException(root, "cannot create or lock the cache directory: " + why(e), e);
        }
    }

    /** Removes the temporary siblings that builds killed before they finished left behind. */
    void removeLeftovers(Consumer<String> log) {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(root, "." + name + ".tmp-*")) {
            for (Path leftover : leftovers) {
                deleteTree(leftover);
                log.accept("removed " + leftover + ", left by a cache build that did not finish");
            }
        } catch (IOException e) {
            throw new DataException(root, "cannot clean the cache directory: " + why(e), e);
        }
    }

    /** A new, empty temporary sibling to build a cache in. */
    Path newTemporary() {
        try {
            return Files.createTempDirectory(root, "." + name + ".tmp-");
        } catch (IOException e) {
            throw new DataException(root, "cannot write the cache directory: " + why(e), e);
        }
    }

    /** Puts the complete cache in {@code built} in place of the current one, if any. */
    void publish(Path built) {
        try {
            if (Files.exists(path())) {
                // Renamed aside first, so that a kill while deleting leaves a leftover and not a half cache.
                Path old = Files.createTempDirectory(root, "." + name + ".tmp-");
                Files.delete(old);
                Files.move(path(), old, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            }
            try {
                Files.move(built, path(), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(built, path());
            }
        } catch (IOException e) {
            throw new DataException(path(), "cannot replace the cache: " + why(e), e);
        }
    }

    /** Records that the cache is corrupt so the next open rebuilds it; best effort, as the caller reports the corruption anyway. */
    void markCorrupt(String reason) {
        try {
            Files.writeString(path().resolve(CORRUPT), reason);
        } catch (IOException e) {
            // The error the caller throws tells the user to delete the cache instead.
        }
    }

    /** The reason {@link #markCorrupt} recorded, or null. */
    String corruptMark() throws IOException {
        try {
            return Files.readString(path().resolve(CORRUPT));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** An I/O failure in words: the JDK's file exceptions carry only the path as their message. */
    static String why(Exception e) {
        return switch (e) {
            case AccessDeniedException a -> "permission denied (" + a.getFile() + ")";
            case FileAlreadyExistsException f -> "a file is in the way (" + f.getFile() + ")";
            case NoSuchFileException n -> "no such file or directory (" + n.getFile() + ")";
            case FileSystemException f when f.getReason() != null -> f.getReason() + " (" + f.getFile() + ")";
            default -> String.valueOf(e.getMessage());
        };
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
