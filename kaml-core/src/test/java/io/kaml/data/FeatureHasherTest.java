package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureHasherTest {
    private static int murmur(String s, int seed) {
        return FeatureHasher.murmur3(s.getBytes(StandardCharsets.UTF_8), seed);
    }

    @Test
    void matchesPublishedMurmur3Vectors() {
        // Reference values of MurmurHash3_x86_32 from its author's test suite and common ports.
        assertThat(murmur("", 0)).isEqualTo(0);
        assertThat(murmur("", 1)).isEqualTo(0x514E28B7);
        assertThat(murmur("", 0xffffffff)).isEqualTo(0x81F16F39);
        assertThat(murmur("hello", 0)).isEqualTo(0x248BFA47);
        assertThat(murmur("The quick brown fox jumps over the lazy dog", 0)).isEqualTo(0x2E4FF723);
    }

    @Test
    void emptyValueTakesTheReservedBucketAndOthersNever() {
        FeatureHasher hasher = new FeatureHasher(0);
        int seed = hasher.fieldSeed("user_id");
        assertThat(FeatureHasher.bucket("", seed, 10)).isZero();
        assertThat(FeatureHasher.bucket(null, seed, 10)).isZero();
        for (int i = 0; i < 10_000; i++) {
            assertThat(FeatureHasher.bucket("u" + i, seed, 10)).isBetween(1, 9);
        }
    }

    @Test
    void bucketsAreStableAndSpreadAndDependOnTheField() {
        FeatureHasher hasher = new FeatureHasher(0);
        int user = hasher.fieldSeed("user_id");
        int ad = hasher.fieldSeed("ad_id");
        assertThat(FeatureHasher.bucket("42", user, 100_000)).isEqualTo(FeatureHasher.bucket("42", user, 100_000));
        Set<Integer> seen = new HashSet<>();
        int sameInBothFields = 0;
        for (int i = 0; i < 1000; i++) {
            int b = FeatureHasher.bucket(Integer.toString(i), user, 100_000);
            seen.add(b);
            sameInBothFields += b == FeatureHasher.bucket(Integer.toString(i), ad, 100_000) ? 1 : 0;
        }
        // 1000 values into 99,999 buckets: a handful of collisions at most (expected ~5).
        assertThat(seen.size()).isGreaterThan(985);
        assertThat(sameInBothFields).isLessThan(5);
    }

    @Test
    void hashSeedChangesTheMapping() {
        int a = new FeatureHasher(0).fieldSeed("device");
        int b = new FeatureHasher(7).fieldSeed("device");
        assertThat(a).isNotEqualTo(b);
    }
}
