package io.kaml.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files one key of dataset.yaml names ({@code files.train}, {@code log}, a table's {@code file}):
 * one or more entries, each a file, a directory (every file below it, as Spark and Hive write tables,
 * skipping names that start with {@code .} or {@code _} such as {@code _SUCCESS}) or a glob in its last
 * path element ({@code logs/part-*.parquet}). Resolved when read, in a stable order: entries in the
 * order given, the files of one entry sorted by path.
 *
 * @param key     the spec key, for messages
 * @param entries the entries as written, relative to {@code dir} unless absolute
 * @param dir     the spec's directory
 * @param spec    the spec file, for messages
 */
public record FileSet(String key, List<String> entries, Path dir, Path spec) {

    public FileSet {
        entries = List.copyOf(entries);
    }

    /** Every file, in reading order; an entry that names nothing is an error naming the key. */
    public List<Path> resolve() {
        List<Path> files = new ArrayList<>();
        for (String entry : entries) {
            files.addAll(resolve(entry));
        }
        return files;
    }

    /** The first entry's path, for a one-file key such as a split CSV that label hiding copies. */
    public Path first() {
        return dir.resolve(entries.getFirst());
    }

    /** What the key names, for messages and headers: the entries as written. */
    public String describe() {
        return entries.size() == 1 ? entries.getFirst() : String.join(", ", entries);
    }

    private List<Path> resolve(String entry) {
        int glob = firstGlobChar(entry);
        if (glob < 0) {
            Path path = dir.resolve(entry);
            if (Files.isDirectory(path)) {
                List<Path> inside = walk(path);
                if (inside.isEmpty()) {
                    throw new DataException(path, 0, null, "directory holds no data file (declared as " + key + " in " + spec + ")");
                }
                return inside;
            }
            if (!Files.exists(path)) {
                throw new DataException(path, 0, null, "file not found (declared as " + key + " in " + spec + ")");
            }
            return List.of(path);
        }
        int slash = entry.lastIndexOf('/', glob);
        if (entry.indexOf('/', glob) >= 0) {
            throw new DataException(spec, 0, null, "key '" + key + "': a glob may only be in the last path element, got '" + entry + "'");
        }
        Path parent = dir.resolve(slash < 0 ? "." : entry.substring(0, slash + 1)).normalize();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + entry.substring(slash + 1));
        List<Path> matched;
        try (Stream<Path> list = Files.list(parent)) {
            matched = list.filter(p -> matcher.matches(p.getFileName()) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new DataException(parent, "cannot list (declared as " + key + " in " + spec + "): " + e.getMessage(), e);
        }
        if (matched.isEmpty()) {
            throw new DataException(spec, 0, null, "key '" + key + "': '" + entry + "' matches no file in " + parent);
        }
        return matched;
    }

    private List<Path> walk(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> noHiddenPart(root.relativize(p)))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(root, "cannot list (declared as " + key + " in " + spec + "): " + e.getMessage(), e);
        }
    }

    private static boolean noHiddenPart(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return false;
            }
        }
        return true;
    }

    private static int firstGlobChar(String entry) {
        for (int i = 0; i < entry.length(); i++) {
            if ("*?[{".indexOf(entry.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
