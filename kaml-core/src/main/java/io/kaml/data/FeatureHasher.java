package io.kaml.data;

import java.nio.charset.StandardCharsets;

/**
 * Maps a categorical value to a bucket of its field: the stable, documented hash of the data contract.
 *
 * <p>{@code bucket = 1 + floorMod(murmur3_x86_32(utf8(value), seed = fieldSeed), buckets - 1)} where
 * {@code fieldSeed = murmur3_x86_32(utf8(fieldName), hashSeed)}. Bucket 0 is reserved for a missing
 * (empty) value so that "unknown" never collides with a real id. Seeding by field name means the same
 * value in two fields lands in unrelated buckets. The function depends only on these inputs (not on
 * the JVM, platform or {@link String#hashCode}), so models stay valid across machines and versions.
 */
public final class FeatureHasher {
    private final int hashSeed;

    public FeatureHasher(int hashSeed) {
        this.hashSeed = hashSeed;
    }

    public int hashSeed() {
        return hashSeed;
    }

    /** The per-field seed; compute once per field and pass to {@link #bucket(String, int, int)}. */
    public int fieldSeed(String fieldName) {
        return murmur3(fieldName.getBytes(StandardCharsets.UTF_8), hashSeed);
    }

    /** The bucket in {@code [0, buckets)} of {@code value}; 0 for an empty or null value. */
    public static int bucket(String value, int fieldSeed, int buckets) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        int h = murmur3(value.getBytes(StandardCharsets.UTF_8), fieldSeed);
        return 1 + Math.floorMod(h, buckets - 1);
    }

    /** MurmurHash3, x86 32-bit variant, over the bytes as little-endian 4-byte blocks. */
    @SuppressWarnings("fallthrough")
    static int murmur3(byte[] data, int seed) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int h = seed;
        int blocks = data.length >>> 2;
        for (int b = 0; b < blocks; b++) {
            int i = b << 2;
            int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
            k *= c1;
            k = Integer.rotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int tail = blocks << 2;
        int k = 0;
        switch (data.length & 3) {
            case 3:
                k ^= (data[tail + 2] & 0xff) << 16;
            case 2:
                k ^= (data[tail + 1] & 0xff) << 8;
            case 1:
                k ^= data[tail] & 0xff;
                k *= c1;
                k = Integer.rotateLeft(k, 15);
                k *= c2;
                h ^= k;
            default:
                break;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
