package dev.gatehouse.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real launcher the way a new user does: {@code ./gatehouse run} on embedded defaults
 * until /health/ready is UP, a restart on the same data dir, SIGTERM, and the start-up errors that
 * must be one clear sentence with a distinct exit code.
 */
class LauncherIT {


    @TempDir
    Path dataDir;

    @Test
    void runsOnEmbeddedDefaultsKeepsStateAcrossRestartsAndStopsOnSigterm() throws Exception {
        int httpPort = FreePorts.freePort();
        int storePort = FreePorts.freePort();
        Map<String, String> env = env(httpPort, storePort);

        LaunchedGatehouse first = LaunchedGatehouse.launch(env);
        long seconds = first.awaitReady();
        Files.writeString(Path.of(System.getProperty("gatehouse.startup.report")),
                "./gatehouse run ready in " + seconds + " s (embedded store + Keycloak + Payara Micro, this machine)\n");
        assertThat(get(httpPort, "/health/ready").statusCode()).isEqualTo(200);
        assertThat(get(httpPort, "/health/ready").body()).contains("\"status\":\"UP\"");
        HttpResponse<String> page = get(httpPort, "/connections.xhtml");
        assertThat(page.statusCode()).as("pages send the browser to the Keycloak login").isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).startsWith("http://localhost:" + env.get("KEYCLOAK_PORT") + "/realms/gatehouse/");

        // A refused credential is logged with its reason, never with the token.
        String forged = "eyJhbGciOiJSUzI1NiJ9.forged" + System.nanoTime() + ".signature";
        assertThat(send(httpPort, "GET", "/api/v1/me", null, "Bearer " + forged).statusCode()).isEqualTo(401);
        assertThat(send(httpPort, "GET", "/api/v1/me", null, "Basic YWxpY2U6YWxpY2U=").statusCode()).isEqualTo(401);
        String log = Files.readString(dataDir.resolve("logs/gateway.log"));
        assertThat(log).contains("rejected credential from").contains(": malformed_token").contains(": malformed_authorization")
                .doesNotContain(forged).doesNotContain("YWxpY2U6YWxpY2U=");

        String admin = keycloakToken(Integer.parseInt(env.get("KEYCLOAK_PORT")), "alice");
        HttpResponse<String> created = send(httpPort, "POST", "/api/v1/connections", """
                {"name":"launcher-check","type":"postgres","host":"127.0.0.1","port":5432,"database":"postgres",
                 "username":"postgres","secret":"kept-across-restarts","tlsMode":"disable"}""", "Bearer " + admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        first.process.destroy();
        assertThat(first.process.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        assertThat(stopsListening(httpPort)).as("gateway port released").isTrue();
        // The store's PostgreSQL and Keycloak are children of processes the launcher waited for; their
        // sockets close as they exit, a moment later on a busy machine.
        assertThat(stopsListening(storePort)).as("embedded store stopped; launcher said:%n%s", String.join("\n", first.output())).isTrue();
        assertThat(stopsListening(Integer.parseInt(env.get("KEYCLOAK_PORT")))).as("Keycloak stopped").isTrue();

        LaunchedGatehouse second = LaunchedGatehouse.launch(env);
        second.awaitReady();
        // Same data dir: the store kept the row and the dev master key still opens its secret.
        String again = "Bearer " + keycloakToken(Integer.parseInt(env.get("KEYCLOAK_PORT")), "alice");
        // Ready includes the api-routing check, so the first call after the restart is routed: no waiting here.
        HttpResponse<String> tested = send(httpPort, "POST", "/api/v1/connections/" + id + "/test", "", again);
        assertThat(tested.body()).as("POST /api/v1/connections/%s/test after restart (HTTP %d)", id, tested.statusCode())
                .contains("\"success\":true");
        second.process.destroy();
        assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.output()).noneMatch(line -> line.contains("kept-across-restarts"));
    }

    @Test
    void anInvalidMasterKeyStopsStartWithOneSentence() throws Exception {
        int storePort = FreePorts.freePort();
        Map<String, String> env = env(FreePorts.freePort(), storePort);
        env.put("GATEHOUSE_MASTER_KEY", "c2hvcnQta2V5LTEy"); // 12 bytes, not 32
        Finished run = runToEnd(env);
        assertThat(run.exitCode).isEqualTo(6);
        assertThat(run.text()).contains("GATEHOUSE_MASTER_KEY must be base64 of exactly 32 bytes")
                .doesNotContain("c2hvcnQta2V5LTEy").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(stopsListening(storePort)).as("the store it started is stopped again").isTrue();
    }

    @Test
    void aBusyPortStopsStartWithOneSentence() throws Exception {
        try (ServerSocket busy = FreePorts.busyLoopbackPort()) {
            Map<String, String> env = env(busy.getLocalPort(), FreePorts.freePort());
            Finished run = runToEnd(env);
            assertThat(run.exitCode).isEqualTo(4);
            assertThat(run.text()).contains("port " + busy.getLocalPort() + " (GATEHOUSE_HTTP_PORT) is already in use")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void anUnreachableStoreStopsStartWithOneSentence() throws Exception {
        Map<String, String> env = env(FreePorts.freePort(), FreePorts.freePort());
        env.put("GATEHOUSE_DB_URL", "jdbc:postgresql://127.0.0.1:1/nowhere");
        env.put("GATEHOUSE_DB_USER", "postgres");
        env.put("GATEHOUSE_DB_PASSWORD", "not-printed-anywhere");
        Finished run = runToEnd(env);
        assertThat(run.exitCode).isEqualTo(5);
        assertThat(run.text()).contains("store database at jdbc:postgresql://127.0.0.1:1/nowhere is unreachable")
                .doesNotContain("not-printed-anywhere").doesNotContain("Exception");
    }

    private Map<String, String> env(int httpPort, int storePort) {
        return LaunchedGatehouse.env(dataDir, httpPort, storePort);
    }

    private Finished runToEnd(Map<String, String> env) throws Exception {
        LaunchedGatehouse launched = LaunchedGatehouse.launch(env);
        assertThat(launched.process.waitFor(120, TimeUnit.SECONDS)).as("launcher gives up by itself").isTrue();
        return new Finished(launched.process.exitValue(), launched.finalOutput());
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return LaunchedGatehouse.get(port, path);
    }

    private static HttpResponse<String> send(int port, String method, String path, String json, String authorization) throws Exception {
        return LaunchedGatehouse.send(port, method, path, json, authorization);
    }

    private static String keycloakToken(int keycloakPort, String user) throws Exception {
        return LaunchedGatehouse.userToken(keycloakPort, user);
    }

    /** Whether nothing listens on the port any more, within 30 s. */
    private static boolean stopsListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (listening(port)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private record Finished(int exitCode, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }
    }
}
