package dev.gatehouse.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/** {@code ./gatehouse run} as a test drives it: its environment, its output, and calls to what it started. */
final class LaunchedGatehouse {

    private static final Pattern READY = Pattern.compile("gatehouse: ready in (\\d+)s");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Process process;
    private Thread reader;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private LaunchedGatehouse(Process process) {
        this.process = process;
    }

    /** A new user's environment: embedded store, the launcher's own Keycloak, free ports, the given data dir. */
    static Map<String, String> env(Path dataDir, int httpPort, int storePort) {
        Map<String, String> env = new HashMap<>();
        env.put("GATEHOUSE_DATA_DIR", dataDir.toString());
        env.put("GATEHOUSE_HTTP_PORT", String.valueOf(httpPort));
        env.put("GATEHOUSE_STORE_PORT", String.valueOf(storePort));
        env.put("GATEHOUSE_SKIP_BUILD", "1");
        env.put("KEYCLOAK_PORT", String.valueOf(FreePorts.freePort()));
        env.put("GATEHOUSE_PG_PORT", String.valueOf(FreePorts.freePort()));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }

    static LaunchedGatehouse launch(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("gatehouse.launcher"), "run").redirectErrorStream(true);
        // The defaults a new user gets: embedded store and the launcher's own Keycloak, not the test run's.
        builder.environment().remove("GATEHOUSE_DB_URL");
        builder.environment().remove("KEYCLOAK_URL");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        LaunchedGatehouse launched = new LaunchedGatehouse(process);
        launched.reader = new Thread(launched::pump, "launcher-output");
        launched.reader.setDaemon(true);
        launched.reader.start();
        return launched;
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // The process ended; what was read is kept.
        }
    }

    /**
     * All the launcher printed, once it has exited: waits for the end of its output (a child that still
     * holds the stream open gets 10 s), so no last line is lost to the reader thread being behind.
     */
    List<String> finalOutput() throws InterruptedException {
        reader.join(10_000);
        return output();
    }

    List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Waits for the launcher's ready line; returns the seconds it reports. */
    long awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            for (String line : output()) {
                Matcher ready = READY.matcher(line);
                if (ready.find()) {
                    return Long.parseLong(ready.group(1));
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("launcher exited with " + process.exitValue() + ":\n" + String.join("\n", output()));
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not ready within 300 s:\n" + String.join("\n", output()));
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(int port, String method, String path, String json, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A demo user's token from the launcher's own Keycloak (dev realm: password = name). */
    static String userToken(int keycloakPort, String user) throws Exception {
        return token(keycloakPort, "grant_type=password&client_id=gatehouse-cli&username=" + user + "&password=" + user);
    }

    /** The dev realm's demo agent's client-credentials token. */
    static String agentToken(int keycloakPort) throws Exception {
        return token(keycloakPort, "grant_type=client_credentials&client_id=ci-agent&client_secret=ci-agent-dev-secret");
    }

    private static String token(int keycloakPort, String form) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + keycloakPort + "/realms/gatehouse/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }
}
