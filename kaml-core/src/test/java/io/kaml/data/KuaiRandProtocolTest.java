package io.kaml.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KuaiRandProtocolTest {
    static final Path REAL = Path.of("../../shared/data/kuairand-pure");
    static final List<String> FEEDBACKS = List.of("long_view", "is_like", "is_follow", "is_comment", "is_forward");

    @TempDir
    Path dir;

    /** A KuaiRand-shaped log: 2,000 rows, author 1 with 1,000 rows, 100 small authors; every feedback 1 on odd rows. */
    private Path source() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        List<ParquetLogWriter.Column> columns = new ArrayList<>(KuaiRandProtocol.COPIED);
        FEEDBACKS.forEach(f -> columns.add(new ParquetLogWriter.Column(f, ParquetLogWriter.Type.INT64)));
        try (ParquetLogWriter w = ParquetLogWriter.create(src.resolve("log_a.parquet"), columns)) {
            for (int i = 0; i < 2000; i++) {
                long author = i < 1000 ? 1 : 100 + i % 100;
                w.write((long) i % 50, (long) i % 70, author, 20220425L + i % 5, 1200L, 1L, 1000.0 + i, null,
                        (long) (i % 2), (long) (i % 2), (long) (i % 2), (long) (i % 2), (long) (i % 2));
            }
        }
        return src;
    }

    private static List<Map<String, String>> rows(Path file) {
        List<Map<String, String>> out = new ArrayList<>();
        try (RowSource rows = RowSource.open(file, ',', List.of("advertiser", "target", "is_like", "is_follow", "is_comment", "is_forward", "long_view"))) {
            while (rows.next()) {
                Map<String, String> row = new HashMap<>();
                for (int c = 0; c < rows.columns().size(); c++) {
                    row.put(rows.columns().get(c), rows.cell(c));
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void paperProtocolKeepsTheTargetAndKOthers() throws IOException {
        KuaiRandProtocol.prepare(source(), dir.resolve("out"), KuaiRandProtocol.Config.defaults(3));
        Map<String, Integer> others = Map.of("oracle", 3, "vanilla", 0, "kaml", 2);
        Set<String> targets = new HashSet<>();
        List<String> oracleTargets = rows(dir.resolve("out/oracle/log.parquet")).stream().map(r -> r.get("target")).toList();
        for (var variant : others.entrySet()) {
            List<Map<String, String>> rows = rows(dir.resolve("out").resolve(variant.getKey()).resolve("log.parquet"));
            assertThat(rows).hasSize(2000);
            for (int i = 0; i < rows.size(); i++) {
                Map<String, String> row = rows.get(i);
                String truth = String.valueOf(i % 2);
                assertThat(row.get(row.get("target"))).isEqualTo(truth);
                assertThat(row.get("target")).as("the same target in every variant").isEqualTo(oracleTargets.get(i));
                long kept = KuaiRandProtocol.PAPER_ACTIONS.stream().filter(a -> !row.get(a).isEmpty()).count();
                assertThat(kept).isEqualTo(1 + variant.getValue());
                KuaiRandProtocol.PAPER_ACTIONS.forEach(a -> assertThat(row.get(a)).isIn("", truth));
                targets.add(row.get("target"));
            }
            // Small authors (10 rows each) are pooled; author 1 keeps its own advertiser.
            Set<String> advertisers = new HashSet<>();
            rows.forEach(r -> advertisers.add(r.get("advertiser")));
            assertThat(advertisers).contains("author-1").allMatch(a -> a.equals("author-1") || a.startsWith("pool-"));
            assertThat(advertisers.size()).isBetween(10, 21);
        }
        assertThat(targets).containsExactlyInAnyOrderElementsOf(KuaiRandProtocol.PAPER_ACTIONS);
    }

    @Test
    void advertiserProtocolReportsPerAdvertiserAndWritesUnreportedAsZero() throws IOException {
        Path src = source();
        KuaiRandProtocol.prepare(src, dir.resolve("out"), KuaiRandProtocol.Config.defaults(3));
        List<Map<String, String>> rows = rows(dir.resolve("out/advertiser/log.parquet"));
        Map<String, String> targetOf = new HashMap<>();
        Map<String, int[]> reported = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            assertThat(targetOf.putIfAbsent(row.get("advertiser"), row.get("target"))).isIn(null, row.get("target"));
            assertThat(row.get(row.get("target"))).isEqualTo(String.valueOf(i % 2));
            int[] counts = reported.computeIfAbsent(row.get("advertiser"), a -> new int[FEEDBACKS.size()]);
            for (int j = 0; j < FEEDBACKS.size(); j++) {
                String cell = row.get(FEEDBACKS.get(j));
                assertThat(cell).isIn("0", "1");
                assertThat(i % 2 == 1 || cell.equals("0")).as("never a conversion that did not happen").isTrue();
                counts[j] += Integer.parseInt(cell);
            }
        }
        // author-1 has 500 conversions of every action: each non-target one is reported fully, partly or not at all.
        int[] a1 = reported.get("author-1");
        for (int j = 0; j < a1.length; j++) {
            assertThat(a1[j]).isBetween(0, 500);
        }
        assertThat(a1[FEEDBACKS.indexOf(targetOf.get("author-1"))]).isEqualTo(500);
        // reporting.csv holds each advertiser's true rates: 1 at its target, 0 where it reported nothing, and what
        // author-1 reported of its 500 conversions of each action is close to 500 times the rate.
        List<String> lines = Files.readAllLines(dir.resolve("out/advertiser").resolve(KuaiRandProtocol.REPORTING_FILE));
        assertThat(lines.getFirst()).isEqualTo("advertiser_id,action,target,completeness");
        assertThat(lines).hasSize(1 + FEEDBACKS.size() * reported.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(f[2]).isEqualTo(f[1].equals(targetOf.get(f[0])) ? "1" : "0");
            double rate = Double.parseDouble(f[3]);
            if (f[2].equals("1")) {
                assertThat(rate).isEqualTo(1.0);
            }
            if (f[0].equals("author-1")) {
                assertThat((double) a1[FEEDBACKS.indexOf(f[1])]).isCloseTo(500 * rate, org.assertj.core.data.Offset.offset(60.0));
                assertThat(a1[FEEDBACKS.indexOf(f[1])] == 0).isEqualTo(rate == 0);
            }
        }
        // The same seed gives the same file, byte for byte.
        byte[] first = Files.readAllBytes(dir.resolve("out/advertiser/log.parquet"));
        KuaiRandProtocol.prepare(src, dir.resolve("again"), KuaiRandProtocol.Config.defaults(3));
        assertThat(Files.readAllBytes(dir.resolve("again/advertiser/log.parquet"))).isEqualTo(first);
    }

    @Test
    void realKuaiRandTrainsThroughTheCommittedSpec() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(REAL), "KuaiRand-Pure is absent at " + REAL.toAbsolutePath() + ": skipped");
        Path out = dir.resolve("runs/kuairand");
        KuaiRandProtocol.prepare(REAL, out, KuaiRandProtocol.Config.defaults(1));
        // The committed spec, with its log and tables pointed at this test's directory and the real tables.
        String spec = Files.readString(Path.of("../examples/kuairand/advertiser.yaml"))
                .replace("../../runs/kuairand/", out.toAbsolutePath() + "/")
                .replace("../../../shared/data/kuairand-pure/", REAL.toAbsolutePath() + "/");
        Files.writeString(dir.resolve("advertiser.yaml"), spec);
        Dataset data = Dataset.load(DatasetSpecParser.parse(dir.resolve("advertiser.yaml")), BadRowPolicy.FAIL);
        assertThat(data.split(Split.TRAIN).size() + data.split(Split.VALID).size() + data.split(Split.TEST).size()).isEqualTo(228_329);
        assertThat(data.badRows().unmatched("user")).isZero();
        assertThat(data.badRows().unmatched("video")).isZero();
        assertThat(data.split(Split.TEST).day()).containsOnly(19119, 19120);
    }
}
