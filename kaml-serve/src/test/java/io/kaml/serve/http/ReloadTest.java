package io.kaml.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.kaml.serve.Instance;
import io.kaml.serve.Prediction;
import io.kaml.serve.Predictor;
import io.kaml.serve.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadTest {
    private static final int CLIENTS = 4;
    private static final int RELOADS = 6;
    /** Each client's requests at most, so the test ends even if reloads stall. */
    private static final int MAX_REQUESTS_PER_CLIENT = 4000;

    @TempDir
    Path dir;

    private Path served;
    private Path modelA;
    private Path modelB;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void models() throws IOException {
        modelA = TestModels.write(dir.resolve("a.kaml"), 1);
        modelB = TestModels.write(dir.resolve("b.kaml"), 2);
        served = dir.resolve("served.kaml");
        replace(served, modelA);
    }

    /** Renames a copy over {@code target}, as {@code kaml train} and deploy tools replace a file. */
    private void replace(Path target, Path source) throws IOException {
        Path temporary = Files.createTempFile(dir, "next", ".tmp");
        Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private List<List<Instance>> requests(int count, int size) {
        Random random = new Random(9);
        List<List<Instance>> requests = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            List<Instance> instances = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                instances.add(new Instance(TestModels.features(random), i % 3 == 0 ? null : TestModels.ACTIONS.get(i % 3)));
            }
            requests.add(instances);
        }
        return requests;
    }

    @Test
    void reloadSwapsTheModelAndACorruptFileIsRefusedWhileTheOldOneServes() throws Exception {
        List<Instance> instances = requests(1, 5).getFirst();
        String body = TestClient.body(instances);
        try (ModelServer server = ModelServer.start(LiveModel.load(served), ServerOptions.local(0), log::add)) {
            TestClient client = new TestClient(server.uri());
            assertThat(TestClient.matches(client.post("/v1/predict", body).json(), Predictor.load(modelA).predict(instances))).isTrue();

            replace(served, modelB);
            TestClient.Answer reloaded = client.post("/v1/reload", "");
            assertThat(reloaded.status()).as(reloaded.body()).isEqualTo(200);
            assertThat(reloaded.json().path("generation").asLong()).isEqualTo(2);
            assertThat(reloaded.json().path("file").asText()).isEqualTo("served.kaml");
            TestClient.Answer afterReload = client.post("/v1/predict", body);
            assertThat(afterReload.generation()).isEqualTo(2);
            assertThat(TestClient.matches(afterReload.json(), Predictor.load(modelB).predict(instances))).isTrue();

            byte[] corrupt = Files.readAllBytes(modelA);
            corrupt[corrupt.length / 2] ^= 1;
            Files.write(dir.resolve("corrupt.kaml"), corrupt);
            replace(served, dir.resolve("corrupt.kaml"));
            TestClient.Answer refused = client.post("/v1/reload", "");
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.error()).isEqualTo("reload refused, still serving generation 2: served.kaml"
                    + " is corrupt or truncated: its SHA-256 checksum does not match its content");
            TestClient.Answer still = client.post("/v1/predict", body);
            assertThat(still.generation()).isEqualTo(2);
            assertThat(TestClient.matches(still.json(), Predictor.load(modelB).predict(instances))).isTrue();
            assertThat(client.get("/v1/model").json().path("generation").asLong()).isEqualTo(2);
            assertThat(client.get("/metrics").body()).contains("kaml_model_generation 2\n").contains("kaml_model_reloads_refused_total 1\n");
        }
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).isEqualTo("reloaded " + served + " on request: now serving generation 2");
        assertThat(log.get(1)).startsWith("reload refused, still serving generation 2: ");
    }

    /**
     * Clients keep predicting while the file flips between two models and is reloaded several times:
     * every response is a 200 whose every score is exactly that of the model of the generation it
     * reports (odd generations are model A, even ones B), so no request failed or mixed two models.
     */
    @Test
    void reloadsUnderLoadNeverFailOrMixARequest() throws Exception {
        List<List<Instance>> requests = requests(16, 4);
        List<String> bodies = requests.stream().map(TestClient::body).toList();
        Predictor a = Predictor.load(modelA);
        Predictor b = Predictor.load(modelB);
        List<List<Prediction>> expectedA = requests.stream().map(a::predict).toList();
        List<List<Prediction>> expectedB = requests.stream().map(b::predict).toList();
        AtomicBoolean reloading = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        AtomicLong fromA = new AtomicLong();
        AtomicLong fromB = new AtomicLong();
        List<String> failures = new CopyOnWriteArrayList<>();
        try (ModelServer server = ModelServer.start(LiveModel.load(served), ServerOptions.local(0), log::add);
             ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            TestClient client = new TestClient(server.uri());
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int offset = c;
                running.add(clients.submit(() -> {
                    for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && (reloading.get() || i < 50); i++) {
                        int r = (i + offset * 5) % bodies.size();
                        TestClient.Answer answer = client.post("/v1/predict", bodies.get(r));
                        answered.incrementAndGet();
                        if (answer.status() != 200) {
                            failures.add(answer.status() + " " + answer.body());
                            continue;
                        }
                        boolean isA = answer.generation() % 2 == 1;
                        if (!TestClient.matches(answer.json(), (isA ? expectedA : expectedB).get(r))) {
                            failures.add("generation " + answer.generation() + " answered other scores: " + answer.body());
                        }
                        (isA ? fromA : fromB).incrementAndGet();
                    }
                }));
            }
            for (int reload = 1; reload <= RELOADS; reload++) {
                long before = answered.get();
                TestClient.waitFor(() -> answered.get() >= before + 20 || !failures.isEmpty());
                replace(served, reload % 2 == 1 ? modelB : modelA);
                TestClient.Answer reloaded = client.post("/v1/reload", "");
                assertThat(reloaded.status()).as(reloaded.body()).isEqualTo(200);
                assertThat(reloaded.json().path("generation").asLong()).isEqualTo(reload + 1);
            }
            reloading.set(false);
            for (Future<?> f : running) {
                f.get();
            }
        }
        assertThat(failures).isEmpty();
        assertThat(fromA.get()).isPositive();
        assertThat(fromB.get()).isPositive();
        assertThat(fromA.get() + fromB.get()).isEqualTo(answered.get());
    }

    /**
     * Thirty reloads asked for at once share loads: each is answered 200 by a load that began after it was
     * asked for, and there are at most two loads (the one running and the one after it), not thirty.
     */
    @Test
    void concurrentReloadsShareLoadsInsteadOfRunningOneEach() throws Exception {
        int callers = 30;
        try (ModelServer server = ModelServer.start(LiveModel.load(served), ServerOptions.local(0), log::add);
             ExecutorService threads = Executors.newFixedThreadPool(callers)) {
            TestClient client = new TestClient(server.uri());
            replace(served, modelB);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TestClient.Answer>> answers = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                answers.add(threads.submit(() -> {
                    go.await();
                    return client.post("/v1/reload", "");
                }));
            }
            go.countDown();
            for (Future<TestClient.Answer> answer : answers) {
                assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(200);
                assertThat(answer.get().json().path("generation").asLong()).isBetween(2L, 3L);
            }
            assertThat(server.model().current().generation()).isBetween(2L, 3L);
        }
        assertThat(log).hasSizeBetween(1, 2).allMatch(line -> line.startsWith("reloaded " + served + " on request: now serving generation "));
    }

    @Test
    void watchReloadsWhenTheFileIsReplacedAndRefusesACorruptOne() throws Exception {
        List<Instance> instances = requests(1, 3).getFirst();
        String body = TestClient.body(instances);
        try (ModelServer server = ModelServer.start(LiveModel.load(served), ServerOptions.local(0).withWatch(true), log::add)) {
            TestClient client = new TestClient(server.uri());
            replace(served, modelB);
            TestClient.waitFor(() -> server.model().current().generation() == 2);
            TestClient.Answer answer = client.post("/v1/predict", body);
            assertThat(answer.generation()).isEqualTo(2);
            assertThat(TestClient.matches(answer.json(), Predictor.load(modelB).predict(instances))).isTrue();

            byte[] corrupt = Files.readAllBytes(modelA);
            corrupt[corrupt.length - 1] ^= 1;
            Files.write(dir.resolve("corrupt.kaml"), corrupt);
            replace(served, dir.resolve("corrupt.kaml"));
            TestClient.waitFor(() -> server.model().refusedReloads() == 1);
            TestClient.Answer still = client.post("/v1/predict", body);
            assertThat(still.generation()).isEqualTo(2);
            assertThat(TestClient.matches(still.json(), Predictor.load(modelB).predict(instances))).isTrue();
        }
        assertThat(log.get(0)).isEqualTo("reloaded " + served + " after it changed: now serving generation 2");
        assertThat(log.get(1)).startsWith("reload after a change refused, still serving generation 2: ").contains("checksum");
    }
}
