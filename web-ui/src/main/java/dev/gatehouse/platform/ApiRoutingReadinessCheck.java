package dev.gatehouse.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the REST API routes requests. Payara registers health checks before the web
 * module's JAX-RS routes are live, so for a moment /health/ready said UP while /api/v1 answered an
 * HTML 404. This check sends a real request over loopback through the servlet container, the
 * security layer and JAX-RS to the routing probe, and is UP when this instance's probe answered.
 * Routing does not stop again while the application runs, so the first success is kept.
 */
@Readiness
@ApplicationScoped
public class ApiRoutingReadinessCheck implements HealthCheck {

    private static final String NAME = "api-routing";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    RoutingProbe probe;

    @Inject
    ServletContext servletContext;

    private volatile boolean routed;

    @Override
    public HealthCheckResponse call() {
        if (routed) {
            return HealthCheckResponse.named(NAME).up().build();
        }
        Optional<Integer> port = LocalHttpPort.find();
        if (port.isEmpty()) {
            return HealthCheckResponse.named(NAME).down().withData("error", "own HTTP port unknown").build();
        }
        URI uri = URI.create("http://127.0.0.1:" + port.get() + servletContext.getContextPath() + "/api/v1/" + RoutingProbeRoute.PATH);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header(RoutingProbe.HEADER, probe.secret()).GET().build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200 && RoutingProbeRoute.ANSWER.equals(answer.body())) {
                routed = true;
                return HealthCheckResponse.named(NAME).up().build();
            }
            return HealthCheckResponse.named(NAME).down().withData("status", answer.statusCode()).build();
        } catch (IOException e) {
            return HealthCheckResponse.named(NAME).down().withData("error", e.getClass().getSimpleName()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.named(NAME).down().withData("error", "interrupted").build();
        }
    }
}
