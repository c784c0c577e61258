package dev.gatehouse.it;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls a test-only scenario servlet deployed with the application (see RepositoryScenariosServlet
 * for why). Retries only while the servlet is not there yet (404); a scenario's own answer is final.
 */
public final class Scenarios {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI endpoint;

    public Scenarios(URL deploymentBase, String servletPath) {
        this.endpoint = URI.create("http://127.0.0.1:" + deploymentBase.getPort() + "/" + servletPath.replaceFirst("^/", ""));
    }

    /** Runs a scenario; the answer body, which starts with "PASSED" when it did. */
    public String run(String scenario, Map<String, String> parameters) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("scenario", scenario);
        all.putAll(parameters);
        String query = all.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(endpoint + "?" + query);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response;
        do {
            response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 404) {
                return response.body();
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return "servlet never answered: HTTP " + response.statusCode();
    }

    public String run(String scenario) throws IOException, InterruptedException {
        return run(scenario, Map.of());
    }
}
