package dev.gatehouse.approvals;

import dev.gatehouse.workflow.ApprovalEvent;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;
import java.util.Optional;

/**
 * What a notification says about a request that was created or decided: a generic JSON document,
 * or a Slack-compatible incoming-webhook message. Both link back to the request's page; neither
 * carries a way to decide, since approving happens only inside Gatehouse, after login.
 */
public record ApprovalNotice(String event, String requestId, String kind, String connection, String actor, String outcome,
        String url) {

    /** The notice for an event worth telling people about, or empty. */
    public static Optional<ApprovalNotice> of(ApprovalEvent event, String url) {
        return switch (event) {
            case ApprovalEvent.RequestCreated created -> Optional.of(new ApprovalNotice("approval.requested", created.requestId(),
                    String.valueOf(created.kind()), created.connection(), created.actor(), null, url));
            case ApprovalEvent.RequestClosed closed -> Optional.of(new ApprovalNotice("approval.decided", closed.requestId(), null,
                    null, closed.actor(), closed.outcome().name(), url));
            default -> Optional.empty();
        };
    }

    public String toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("event", event).add("requestId", requestId).add("url", url);
        add(json, "kind", kind);
        add(json, "connection", connection);
        add(json, "actor", actor);
        add(json, "outcome", outcome);
        return json.build().toString();
    }

    /** Slack's incoming-webhook shape: {@code text} with a {@code <url|label>} link. */
    public String toSlackJson() {
        String what = outcome == null
                ? actor + " requests " + kind.toLowerCase(Locale.ROOT).replace('_', ' ') + " on " + connection
                : "request " + requestId + " ended " + outcome.toLowerCase(Locale.ROOT);
        String text = "Gatehouse: " + escape(what) + ". <" + url + "|Open it in Gatehouse>";
        return Json.createObjectBuilder().add("text", text).build().toString();
    }

    /** Slack reads &, < and > as markup. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void add(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
