package io.kaml.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Everything that determines the bytes of an {@link EncodedCache} besides the code's format version: the
 * spec's content, the bad-row policy, the rows per block, and every input file with its size and
 * modification time. A cache whose stored key differs from the current one is stale.
 *
 * @param specSha256 SHA-256 of the spec file's bytes, hex
 * @param policy     the bad-row policy the rows were read with
 * @param blockRows  rows per block
 * @param inputs     every file read, in reading order: each split's files (or the log's once), then each table's
 */
record CacheKey(String specSha256, BadRowPolicy policy, int blockRows, List<Input> inputs) {

    /**
     * One input file as it was when the cache was built.
     *
     * @param role     what the file is, for messages: {@code train}, {@code log}, {@code table user}
     * @param path     absolute path
     * @param modified last-modified time as an ISO instant, at the file system's precision
     */
    record Input(String role, String path, long size, String modified) {
    }

    CacheKey {
        inputs = List.copyOf(inputs);
    }

    /** The key of {@code spec} as its files are now; resolves every file set (an entry naming nothing is an error). */
    static CacheKey of(DatasetSpec spec, BadRowPolicy policy, int blockRows) {
        List<Input> inputs = new ArrayList<>();
        if (spec.log() != null) {
            add(inputs, "log", spec.log().resolve());
        } else {
            for (Split split : Split.values()) {
                add(inputs, split.key(), spec.filesOf(split).resolve());
            }
        }
        for (TableSpec table : spec.tables()) {
            add(inputs, "table " + table.name(), table.files().resolve());
        }
        byte[] specBytes;
        try {
            specBytes = Files.readAllBytes(spec.source());
        } catch (IOException e) {
            throw new DataException(spec.source(), "cannot read: " + e.getMessage(), e);
        }
        return new CacheKey(sha256(specBytes), policy, blockRows, inputs);
    }

    private static void add(List<Input> inputs, String role, List<Path> files) {
        for (Path file : files) {
            try {
                inputs.add(new Input(role, file.toAbsolutePath().normalize().toString(), Files.size(file),
                        Files.getLastModifiedTime(file).toInstant().toString()));
            } catch (IOException e) {
                throw new DataException(file, "cannot read: " + e.getMessage(), e);
            }
        }
    }

    /**
     * What differs between {@code stored} (the key a cache was built with) and this key, the first difference
     * only, e.g. {@code train file train.csv changed (size 123 -> 456)}; null when they are equal.
     *
     * @param specFile the spec, whose directory input paths are shown relative to
     */
    String differenceFrom(CacheKey stored, Path specFile) {
        if (!specSha256.equals(stored.specSha256)) {
            return "spec " + specFile.getFileName() + " changed";
        }
        if (policy != stored.policy) {
            return "bad-row policy " + name(stored.policy) + " -> " + name(policy);
        }
        if (blockRows != stored.blockRows) {
            return "rows per block " + stored.blockRows + " -> " + blockRows;
        }
        Path dir = specFile.toAbsolutePath().normalize().getParent();
        for (int i = 0; i < Math.max(inputs.size(), stored.inputs.size()); i++) {
            Input now = i < inputs.size() ? inputs.get(i) : null;
            Input then = i < stored.inputs.size() ? stored.inputs.get(i) : null;
            if (now == null || then != null && !sameFile(now, then) && !hasFile(then)) {
                return then.role() + " file " + shown(dir, then) + " is gone";
            }
            if (then == null || !stored.hasFile(now)) {
                return now.role() + " file " + shown(dir, now) + " is new";
            }
            if (!sameFile(now, then)) {
                return now.role() + " files are read in a different order";
            }
            if (now.size() != then.size()) {
                return now.role() + " file " + shown(dir, now) + " changed (size " + then.size() + " -> " + now.size() + ")";
            }
            if (!now.modified().equals(then.modified())) {
                return now.role() + " file " + shown(dir, now) + " changed (modified " + then.modified() + " -> " + now.modified() + ")";
            }
        }
        return null;
    }

    private boolean hasFile(Input file) {
        return inputs.stream().anyMatch(i -> sameFile(i, file));
    }

    private static boolean sameFile(Input a, Input b) {
        return a.role().equals(b.role()) && a.path().equals(b.path());
    }

    private static String shown(Path specDir, Input input) {
        Path path = Path.of(input.path());
        return path.startsWith(specDir) ? specDir.relativize(path).toString() : path.toString();
    }

    private static String name(BadRowPolicy policy) {
        return policy.name().toLowerCase(Locale.ROOT);
    }

    /** SHA-256 of {@code bytes} as lower-case hex. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
