package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk cache: same batches as reading the files, reused while its inputs are unchanged, rebuilt with the reason. */
class EncodedCacheTest {
    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    static final String SPEC = """
            actions: [click, buy]
            files: {train: train.csv, valid: valid.csv, test: test.csv}
            columns:
              id: sample_id
              advertiser: adv
              target: target
              day: day
              labels: {click: y_click, buy: y_buy}
              numerical: [price, age]
              categorical: [user, device]
            """;
    static final String HEADER = "sample_id,day,adv,target,y_click,y_buy,price,age,user,device\n";
    // 7 rows: blocks of 3 give 3, 3 and 1; ids with non-ASCII characters and an empty one.
    static final String TRAIN = HEADER + """
            s1,0,a1,click,1,0,10.5,30,u1,ios
            s2,0,a2,buy,0,1,3,,u2,android
            sé3,1,a1,click,0,,99,41,u3,
            ,1,a3,buy,1,0,,22,u1,ios
            s5,2,a2,click,1,1,1e3,35,u4,web
            s6,2,a4,click,0,0,0.25,50,u5,ios
            s7,3,a1,buy,,1,7,60,u2,android
            """;
    static final String VALID = HEADER + "v1,4,a5,click,1,0,5,33,u1,ios\nv2,4,a1,buy,0,0,6,,u9,web\n";
    static final String TEST = HEADER + "t1,5,a2,click,0,0,8,44,u3,ios\n";

    private Path writeFiles() throws IOException {
        Files.writeString(dir.resolve("train.csv"), TRAIN);
        Files.writeString(dir.resolve("valid.csv"), VALID);
        Files.writeString(dir.resolve("test.csv"), TEST);
        return Files.writeString(dir.resolve("dataset.yaml"), SPEC);
    }

    private EncodedCache open(Path yaml, BadRowPolicy policy) {
        return EncodedCache.open(DatasetSpecParser.parse(yaml), policy, dir.resolve("cache"), log::add, 3);
    }

    @Test
    void readAllEqualsLoadingTheFilesArrayForArray() throws IOException {
        Path yaml = writeFiles();
        Dataset expected = Dataset.load(DatasetSpecParser.parse(yaml), BadRowPolicy.FAIL);
        try (EncodedCache cache = open(yaml, BadRowPolicy.FAIL)) {
            assertThat(log.getFirst()).isEqualTo("building the cache at " + cache.directory() + " (there is none yet)");
            assertThat(cache.rows(Split.TRAIN)).isEqualTo(7);
            assertThat(cache.blocks(Split.TRAIN)).isEqualTo(3);
            assertSameAs(cache, expected);
            assertThat(cache.readAll(Split.TRAIN).ids()).containsExactly("s1", "s2", "sé3", "", "s5", "s6", "s7");
            // Empty in some training row: device (sé3), price (the fourth row), age (s2); never user. Validation rows do not count.
            assertThat(cache.encoder().missing().seen()).containsExactly("device", "price", "age");
        }
        String name = "dataset-" + CacheKey.sha256(yaml.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        assertThat(names(dir.resolve("cache"))).containsExactlyInAnyOrder(name, "." + name + ".lock");
    }

    @Test
    void aLogSplitByDayWithJoinedTablesAndNoIdsReadsAsLoadingIt() throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/part-1.csv"), LogSpecTest.HEADER + """

                20220429,a1,click,1,0,u1,v1,3
                20220430,a1,click,1,0,u1,v1,3
                20220430,a2,buy,0,1,u2,v2,4
                20220430,a3,buy,0,1,u7,v2,
                """);
        Files.writeString(dir.resolve("logs/part-2.csv"), LogSpecTest.HEADER + """

                20220501,a1,click,0,0,u3,v1,5
                20220502,a2,buy,1,1,u1,v9,6
                20220502,a1,click,1,,u2,v2,
                """);
        Files.writeString(dir.resolve("users.csv"), "uid,age,city\nu1,30,paris\nu2,-124,-124\n");
        Files.writeString(dir.resolve("videos.csv"), "video_id,kind\nv1,music\nv2,news\n");
        Path yaml = Files.writeString(dir.resolve("dataset.yaml"), LogSpecTest.SPEC);
        Dataset expected = Dataset.load(DatasetSpecParser.parse(yaml), BadRowPolicy.FAIL);
        try (EncodedCache cache = EncodedCache.open(DatasetSpecParser.parse(yaml), BadRowPolicy.FAIL, dir.resolve("cache"), log::add, 2)) {
            assertThat(cache.rows(Split.TRAIN)).isEqualTo(4);
            assertThat(cache.blocks(Split.TEST)).isEqualTo(1);
            assertThat(cache.readAll(Split.TRAIN).ids()).isNull();
            assertSameAs(cache, expected);
            // u7 has no user row and u2's city is -124, the table's "missing"; a training row lacks its price.
            assertThat(cache.encoder().missing().seen()).containsExactly("user.city", "price", "user.age");
            assertThat(cache.notes()).contains("table 'video': 1 of 7 rows");
            assertThat(names(cache.directory())).containsExactlyInAnyOrder("meta.json", "train.bin", "valid.bin", "test.bin");
        }
    }

    @Test
    void blocksHoldRawNumbersAndTheirIds() throws IOException {
        try (EncodedCache cache = open(writeFiles(), BadRowPolicy.FAIL)) {
            assertThat(cache.blockRows()).isEqualTo(3);
            Batch second = cache.block(Split.TRAIN, 1);
            assertThat(second.size()).isEqualTo(3);
            assertThat(second.ids()).containsExactly("", "s5", "s6");
            assertThat(second.numerical()[0]).isNaN();
            assertThat(second.numerical()).containsSequence(1000f, 35f, 0.25f, 50f);
            assertThat(second.day()).containsExactly(1, 2, 2);
            Batch last = cache.block(Split.TRAIN, 2);
            assertThat(last.size()).isEqualTo(1);
            assertThat(last.label(0, 0)).isEqualTo(Batch.UNKNOWN);
            assertThatThrownBy(() -> cache.block(Split.TRAIN, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void aSecondOpenUsesTheCacheAndChangedInputsRebuildItWithTheReason() throws IOException {
        Path yaml = writeFiles();
        open(yaml, BadRowPolicy.FAIL).close();
        try (EncodedCache cache = open(yaml, BadRowPolicy.FAIL)) {
            assertThat(log.getLast()).isEqualTo("using the cache at " + cache.directory());
        }
        Path train = dir.resolve("train.csv");
        long size = Files.size(train);
        Files.writeString(train, "s8,3,a1,buy,0,1,7,60,u2,android\n", StandardOpenOption.APPEND);
        try (EncodedCache cache = open(yaml, BadRowPolicy.FAIL)) {
            assertThat(log.get(log.size() - 2)).isEqualTo("rebuilding the cache at " + cache.directory()
                    + ": train file train.csv changed (size " + size + " -> " + Files.size(train) + ")");
            assertThat(log.getLast()).startsWith("cached 8 train / 2 valid / 1 test rows in ");
            assertThat(cache.rows(Split.TRAIN)).isEqualTo(8);
        }
        FileTime then = Files.getLastModifiedTime(dir.resolve("test.csv"));
        Files.setLastModifiedTime(dir.resolve("test.csv"), FileTime.from(then.toInstant().plusSeconds(60)));
        open(yaml, BadRowPolicy.FAIL).close();
        assertThat(log.get(log.size() - 2)).contains(": test file test.csv changed (modified " + then.toInstant() + " -> ");
        Files.writeString(yaml, SPEC + "# a comment\n");
        open(yaml, BadRowPolicy.FAIL).close();
        assertThat(log.get(log.size() - 2)).endsWith(": spec dataset.yaml changed");
        open(yaml, BadRowPolicy.SKIP).close();
        assertThat(log.get(log.size() - 2)).endsWith(": bad-row policy fail -> skip");
        Files.createDirectories(dir.resolve("parts"));
        Files.writeString(dir.resolve("parts/part-1.csv"), TRAIN);
        Files.writeString(yaml, SPEC.replace("train: train.csv", "train: parts"));
        open(yaml, BadRowPolicy.SKIP).close();
        Files.writeString(dir.resolve("parts/part-2.csv"), VALID);
        open(yaml, BadRowPolicy.SKIP).close();
        assertThat(log.get(log.size() - 2)).endsWith(": train file parts/part-2.csv is new");
        Files.delete(dir.resolve("parts/part-1.csv"));
        try (EncodedCache cache = open(yaml, BadRowPolicy.SKIP)) {
            assertThat(log.get(log.size() - 2)).endsWith(": train file parts/part-1.csv is gone");
            assertThat(cache.rows(Split.TRAIN)).isEqualTo(2);
        }
        Files.delete(dir.resolve("parts/part-2.csv"));
        assertThatThrownBy(() -> open(yaml, BadRowPolicy.SKIP)).isInstanceOf(DataException.class)
                .hasMessageContaining("parts: directory holds no data file");
    }

    @Test
    void skippedRowsAreInTheNotesOfACacheUsedAsIs() throws IOException {
        Path yaml = writeFiles();
        Files.writeString(dir.resolve("train.csv"), TRAIN.replace("s2,0,a2,buy,0,1,", "s2,0,a2,buy,0,2,"));
        Dataset expected = Dataset.load(DatasetSpecParser.parse(yaml), BadRowPolicy.SKIP);
        open(yaml, BadRowPolicy.SKIP).close();
        try (EncodedCache cache = open(yaml, BadRowPolicy.SKIP)) {
            assertThat(cache.notes()).isEqualTo(expected.readNotes()).contains("skipped 1 bad rows");
            assertSameAs(cache, expected);
        }
    }

    @Test
    void aFlippedByteIsAnErrorNamingTheBlockAndTheNextOpenRebuilds() throws IOException {
        Path yaml = writeFiles();
        Path bin;
        try (EncodedCache cache = open(yaml, BadRowPolicy.FAIL)) {
            bin = cache.directory().resolve("train.bin");
            int rowBytes = BlockLayout.of(DatasetSpecParser.parse(yaml)).rowBytes();
            flip(bin, 3L * rowBytes + 5);
            assertThat(cache.block(Split.TRAIN, 0).size()).isEqualTo(3);
            assertThatThrownBy(() -> cache.block(Split.TRAIN, 1))
                    .isInstanceOf(DataException.class)
                    .hasMessage(bin + ": the cache is corrupt: block 1 of train fails its checksum; delete "
                            + cache.directory() + " or rerun to rebuild it");
            flip(cache.directory().resolve("test.ids"), 4);
            assertThatThrownBy(() -> cache.readAll(Split.TEST)).hasMessageContaining("test.ids: the cache is corrupt: block 0 of test");
        }
        try (EncodedCache cache = open(yaml, BadRowPolicy.FAIL)) {
            assertThat(log.get(log.size() - 2)).endsWith(": block 0 of test fails its checksum (found when it was read)");
            assertThat(cache.block(Split.TRAIN, 1).ids()).containsExactly("", "s5", "s6");
        }
    }

    @Test
    void truncatedOrUnreadableFilesAreRebuiltAtOpen() throws IOException {
        Path yaml = writeFiles();
        Path cacheDir;
        try (EncodedCache cache = open(yaml, BadRowPolicy.FAIL)) {
            cacheDir = cache.directory();
        }
        long size = Files.size(cacheDir.resolve("valid.bin"));
        try (FileChannel channel = FileChannel.open(cacheDir.resolve("valid.bin"), StandardOpenOption.WRITE)) {
            channel.truncate(size - 1);
        }
        open(yaml, BadRowPolicy.FAIL).close();
        assertThat(log.get(log.size() - 2)).endsWith(": valid.bin is truncated (" + (size - 1) + " of " + size + " bytes)");
        Path meta = cacheDir.resolve("meta.json");
        // A cache built before buckets could be sized from the data is of format 2 (and before that, 1).
        Files.writeString(meta, Files.readString(meta).replace("\"format\" : 3", "\"format\" : 2"));
        open(yaml, BadRowPolicy.FAIL).close();
        assertThat(log.get(log.size() - 2)).endsWith(": format version 2 -> 3");
        Files.writeString(meta, "{\"format\": 3, \"key\": ");
        open(yaml, BadRowPolicy.FAIL).close();
        assertThat(log.get(log.size() - 2)).contains(": meta.json does not parse (");
        Files.writeString(meta, "");
        open(yaml, BadRowPolicy.FAIL).close();
        assertThat(log.get(log.size() - 2)).endsWith(": meta.json does not parse (no format version)");
        Files.delete(meta);
        try (EncodedCache cache = open(yaml, BadRowPolicy.FAIL)) {
            assertThat(log.get(log.size() - 2)).endsWith(": meta.json is missing");
            assertThat(cache.readAll(Split.VALID).size()).isEqualTo(2);
        }
    }

    @Test
    void leftoversOfKilledBuildsAreRemovedAndAFailedBuildLeavesNothing() throws IOException {
        Path yaml = writeFiles();
        Path name;
        try (EncodedCache cache = open(yaml, BadRowPolicy.FAIL)) {
            name = cache.directory().getFileName();
        }
        Path leftover = Files.createDirectories(dir.resolve("cache/." + name + ".tmp-12345"));
        Files.writeString(leftover.resolve("train.bin"), "partial");
        open(yaml, BadRowPolicy.FAIL).close();
        assertThat(leftover).doesNotExist();
        assertThat(log).contains("removed " + leftover + ", left by a cache build that did not finish");

        Files.writeString(dir.resolve("test.csv"), TEST + "t2,5,a2,click,0,7,8,44,u3,ios\n");
        assertThatThrownBy(() -> open(yaml, BadRowPolicy.FAIL)).isInstanceOf(DataException.class).hasMessageContaining("test.csv:3");
        assertThat(names(dir.resolve("cache"))).noneMatch(f -> f.contains(".tmp-"));
    }

    @Test
    void aCacheRootThatCannotBeCreatedIsAOneLineError() throws IOException {
        Path yaml = writeFiles();
        Path blocked = Files.writeString(dir.resolve("cache"), "a file, not a directory");
        assertThatThrownBy(() -> open(yaml, BadRowPolicy.FAIL))
                .isInstanceOf(DataException.class)
                .hasMessage(blocked + ": cannot create or lock the cache directory: a file is in the way (" + blocked + ")");
    }

    @Test
    void aDatasetLoadedThroughTheCacheHoldsOnlyTheWantedSplits() throws IOException {
        Path yaml = writeFiles();
        Dataset expected = Dataset.load(DatasetSpecParser.parse(yaml), BadRowPolicy.FAIL);
        try (Dataset cached = Dataset.load(DatasetSpecParser.parse(yaml), BadRowPolicy.FAIL, dir.resolve("cache"), log::add,
                Split.VALID, Split.TEST)) {
            assertThat(cached.cache().rows(Split.TRAIN)).isEqualTo(7);
            assertThatThrownBy(() -> cached.split(Split.TRAIN)).hasMessageContaining("split train was not loaded");
            assertSameBatch(cached.split(Split.VALID), expected.split(Split.VALID));
            assertThat(cached.encoder().stats().mean()).isEqualTo(expected.encoder().stats().mean());
            assertThat(cached.readNotes()).isEqualTo(expected.readNotes());
            assertThatThrownBy(cached::badRows).hasMessageContaining("use readNotes()");
        }
        assertThat(expected.cache()).isNull();
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static void flip(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            channel.read(b, position);
            b.put(0, (byte) ~b.get(0));
            channel.write(b.rewind(), position);
        }
    }

    private static void assertSameAs(EncodedCache cache, Dataset expected) {
        for (Split split : Split.values()) {
            assertSameBatch(cache.readAll(split), expected.split(split));
        }
        FeatureEncoder e = expected.encoder();
        FeatureEncoder c = cache.encoder();
        assertThat(c.stats().mean()).isEqualTo(e.stats().mean());
        assertThat(c.stats().std()).isEqualTo(e.stats().std());
        assertThat(c.buckets()).isEqualTo(e.buckets());
        assertThat(c.hashSeed()).isEqualTo(e.hashSeed());
        assertThat(c.transform()).isEqualTo(e.transform());
        assertThat(c.actions()).isEqualTo(e.actions());
        assertThat(c.categoricalFields()).isEqualTo(e.categoricalFields());
        assertThat(c.numericalFields()).isEqualTo(e.numericalFields());
        assertThat(c.missing()).isEqualTo(e.missing());
        assertThat(cache.advertisers().size()).isEqualTo(expected.advertisers().size());
        for (int i = 0; i < expected.advertisers().size(); i++) {
            assertThat(cache.advertisers().name(i)).isEqualTo(expected.advertisers().name(i));
        }
        assertThat(cache.notes()).isEqualTo(expected.readNotes());
    }

    private static void assertSameBatch(Batch actual, Batch expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.categorical()).isEqualTo(expected.categorical());
        assertThat(actual.numerical()).isEqualTo(expected.numerical());
        assertThat(actual.labels()).isEqualTo(expected.labels());
        assertThat(actual.target()).isEqualTo(expected.target());
        assertThat(actual.advertiser()).isEqualTo(expected.advertiser());
        assertThat(actual.day()).isEqualTo(expected.day());
        assertThat(actual.ids()).isEqualTo(expected.ids());
    }
}
