package dev.gatehouse.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the REST tests: raw bodies in, parsed JSON out. */
public final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String authorization;

    public ApiClient(URL deploymentBase) {
        this(URI.create(deploymentBase.toString().replaceAll("/+$", "") + "/"), null);
    }

    private ApiClient(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same client sending {@code Authorization: Bearer <token>}. */
    public ApiClient as(String bearerToken) {
        return new ApiClient(base, "Bearer " + bearerToken);
    }

    /** The same client sending this exact Authorization header (for malformed-header tests). */
    public ApiClient withAuthorization(String header) {
        return new ApiClient(base, header);
    }

    public Reply send(String method, String path, String jsonBody) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.replaceFirst("^/", "")))
                .timeout(Duration.ofSeconds(90)) // a cold gateway on a loaded machine answers its first calls slowly
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null),
                response.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    public record Reply(int status, String body, String location, String challenge) {

        public JsonObject json() {
            return (JsonObject) structure();
        }

        public JsonStructure structure() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }
    }
}
