package dev.gatehouse.approvals;

import dev.gatehouse.workflow.ApprovalEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells people that a request was created or decided, once the engine's transaction committed:
 * a generic JSON webhook (GATEHOUSE_APPROVAL_WEBHOOK_URL) and a Slack-compatible incoming webhook
 * (GATEHOUSE_APPROVAL_SLACK_WEBHOOK_URL). Sent asynchronously, once, without retries: a
 * notification is a courtesy, the inbox and the audit trail are what count.
 */
@ApplicationScoped
public class ApprovalNotifier {

    private static final Logger LOG = Logger.getLogger(ApprovalNotifier.class.getName());

    @Inject
    ApprovalLinks links;

    private final Optional<URI> webhook = endpoint("GATEHOUSE_APPROVAL_WEBHOOK_URL");
    private final Optional<URI> slack = endpoint("GATEHOUSE_APPROVAL_SLACK_WEBHOOK_URL");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApprovalEvent event) {
        if (webhook.isEmpty() && slack.isEmpty()) {
            return;
        }
        ApprovalNotice.of(event, links.request(event.requestId())).ifPresent(notice -> {
            webhook.ifPresent(uri -> post(uri, notice.toJson()));
            slack.ifPresent(uri -> post(uri, notice.toSlackJson()));
        });
    }

    CompletableFuture<Integer> post(URI uri, String json) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode)
                .whenComplete((status, failure) -> {
                    if (failure != null || status / 100 != 2) {
                        // The host only: webhook URLs (Slack's above all) carry their secret in the path.
                        LOG.log(Level.WARNING, "gatehouse: approval notification to {0} failed: {1}",
                                new Object[] {uri.getHost(), failure != null ? failure.getMessage() : "HTTP " + status});
                    }
                });
    }

    private static Optional<URI> endpoint(String variable) {
        return Optional.ofNullable(System.getenv(variable)).filter(value -> !value.isBlank()).map(URI::create);
    }
}
