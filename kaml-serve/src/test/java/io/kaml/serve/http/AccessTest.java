package io.kaml.serve.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kaml.serve.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional bearer token: on reloads only, or on every endpoint but /health, and how it is read. */
class AccessTest {
    private static final String TOKEN = "3f9c1e7a5b2d4c6e8f0a1b3c5d7e9f21";
    private static final String PREDICT = "{\"instances\": [{\"features\": {}}]}";

    @TempDir
    Path dir;

    private Path model;
    private BearerToken token;

    @BeforeEach
    void files() throws IOException {
        model = TestModels.write(dir.resolve("m.kaml"), 1);
        token = BearerToken.fromFile(Files.writeString(dir.resolve("token"), TOKEN + "\n"));
    }

    @Test
    void aTokenGuardsReloadsAndLeavesTheRestOpen() throws Exception {
        try (ModelServer server = ModelServer.start(LiveModel.load(model), ServerOptions.local(0).withToken(token, false), line -> { })) {
            TestClient anyone = new TestClient(server.uri());
            TestClient.Answer missing = anyone.post("/v1/reload", "");
            assertThat(missing.status()).isEqualTo(401);
            assertThat(missing.error()).isEqualTo("/v1/reload: needs the header 'Authorization: Bearer <token>' (the token the server was started with)");
            assertThat(missing.response().headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"kaml\"");
            TestClient.Answer wrong = new TestClient(server.uri(), "Bearer " + TOKEN.replace('3', '4')).post("/v1/reload", "");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.response().headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"kaml\", error=\"invalid_token\"");
            assertThat(new TestClient(server.uri(), "Basic " + TOKEN).post("/v1/reload", "").status()).isEqualTo(401);
            assertThat(server.model().current().generation()).isEqualTo(1);

            TestClient.Answer reloaded = new TestClient(server.uri(), "bearer " + TOKEN).post("/v1/reload", "");
            assertThat(reloaded.status()).as(reloaded.body()).isEqualTo(200);
            assertThat(reloaded.json().path("generation").asLong()).isEqualTo(2);
            assertThat(anyone.post("/v1/predict", PREDICT).status()).isEqualTo(200);
            assertThat(anyone.get("/v1/model").status()).isEqualTo(200);
            assertThat(anyone.get("/metrics").body()).contains("kaml_http_requests_total{endpoint=\"/v1/reload\",status=\"401\"} 3\n");
        }
    }

    @Test
    void aTokenEverywhereLeavesOnlyHealthOpen() throws Exception {
        try (ModelServer server = ModelServer.start(LiveModel.load(model), ServerOptions.local(0).withToken(token, true), line -> { })) {
            TestClient anyone = new TestClient(server.uri());
            assertThat(anyone.post("/v1/predict", PREDICT).status()).isEqualTo(401);
            assertThat(anyone.get("/v1/model").status()).isEqualTo(401);
            assertThat(anyone.get("/metrics").status()).isEqualTo(401);
            TestClient.Answer unknown = anyone.get("/v2/predict");
            assertThat(unknown.status()).as("an unknown path does not list the endpoints to a stranger").isEqualTo(401);
            assertThat(unknown.error()).isEqualTo("/v2/predict: needs the header 'Authorization: Bearer <token>' (the token the server was started with)");
            assertThat(anyone.get("/health").status()).isEqualTo(200);

            TestClient trusted = new TestClient(server.uri(), "Bearer " + TOKEN);
            assertThat(trusted.post("/v1/predict", PREDICT).status()).isEqualTo(200);
            assertThat(trusted.get("/v1/model").status()).isEqualTo(200);
            assertThat(trusted.get("/v2/predict").status()).isEqualTo(404);
        }
    }

    @Test
    void aTokenIsReadFromAFileOrTheEnvironmentAndCheckedWhenRead() throws IOException {
        assertThatThrownBy(() -> BearerToken.fromFile(dir.resolve("none"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the token file " + dir.resolve("none") + ": java.nio.file.NoSuchFileException");
        Path shortToken = Files.writeString(dir.resolve("short"), "secret\n");
        assertThatThrownBy(() -> BearerToken.fromFile(shortToken)).hasMessage("the token file " + shortToken
                + " holds a token of 6 characters; use at least 16, e.g. the output of 'openssl rand -hex 32'");
        Path quoted = Files.writeString(dir.resolve("quoted"), "\"" + TOKEN + "\"");
        assertThatThrownBy(() -> BearerToken.fromFile(quoted)).hasMessageStartingWith("the token file " + quoted + " holds characters a bearer token cannot have");
        assertThatThrownBy(() -> BearerToken.fromEnvironment("KAML_TOKEN", Map.of()))
                .hasMessage("the environment variable KAML_TOKEN holding the token is not set");

        BearerToken fromEnvironment = BearerToken.fromEnvironment("KAML_TOKEN", Map.of("KAML_TOKEN", TOKEN));
        assertThat(fromEnvironment.matches("Bearer " + TOKEN)).isTrue();
        assertThat(fromEnvironment.matches("Bearer  " + TOKEN + " ")).isTrue();
        assertThat(fromEnvironment.matches(TOKEN)).isFalse();
        assertThat(fromEnvironment.matches("Bearer " + TOKEN + "0")).isFalse();
        assertThat(fromEnvironment.matches(null)).isFalse();
        assertThat(ServerOptions.local(0).withToken(token, true).toString()).doesNotContain(TOKEN).contains("BearerToken[hidden]");
        assertThatThrownBy(() -> ServerOptions.local(0).withToken(null, true)).hasMessageStartingWith("a token on every endpoint needs a token");
    }
}
