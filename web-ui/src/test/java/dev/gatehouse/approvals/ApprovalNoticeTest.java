package dev.gatehouse.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.siem.transport.HttpReceiver;
import dev.gatehouse.workflow.ApprovalEvent;
import dev.gatehouse.workflow.Outcome;
import dev.gatehouse.workflow.RequestKind;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApprovalNoticeTest {

    private static final String URL = "https://gatehouse.example/approvals.xhtml?id=r-1";

    @Test
    void aCreatedRequestIsAnnouncedWithALinkAndNoWayToDecide() {
        ApprovalNotice notice = ApprovalNotice.of(new ApprovalEvent.RequestCreated("r-1", "eve", Instant.EPOCH,
                RequestKind.COMMAND_REVIEW, "payments<prod>"), URL).orElseThrow();

        JsonObject json = parse(notice.toJson());
        assertThat(json.getString("event")).isEqualTo("approval.requested");
        assertThat(json.getString("actor")).isEqualTo("eve");
        assertThat(json.getString("url")).isEqualTo(URL);
        String slack = parse(notice.toSlackJson()).getString("text");
        assertThat(slack).contains("eve requests command review on payments&lt;prod&gt;").endsWith("<" + URL + "|Open it in Gatehouse>");
        assertThat(notice.toSlackJson()).doesNotContain("actions").doesNotContain("button");
    }

    @Test
    void aDecisionIsAnnouncedWithItsOutcomeAndOtherStepsAreNot() {
        ApprovalNotice notice = ApprovalNotice.of(new ApprovalEvent.RequestClosed("r-1", ApprovalEvent.ENGINE, Instant.EPOCH,
                Outcome.REJECTED), URL).orElseThrow();
        assertThat(parse(notice.toJson()).getString("outcome")).isEqualTo("REJECTED");
        assertThat(ApprovalNotice.of(new ApprovalEvent.TaskClaimed("r-1", "bob", Instant.EPOCH, "t", "step"), URL)).isEmpty();
    }

    @Test
    void theNotifierPostsTheJsonToTheWebhook() throws Exception {
        try (HttpReceiver receiver = HttpReceiver.start()) {
            ApprovalNotice notice = ApprovalNotice.of(new ApprovalEvent.RequestClosed("r-1", ApprovalEvent.ENGINE, Instant.EPOCH,
                    Outcome.APPROVED), URL).orElseThrow();
            int status = new ApprovalNotifier().post(receiver.uri("/hook"), notice.toJson()).get();
            assertThat(status / 100).isEqualTo(2);
            HttpReceiver.Request received = receiver.requests().getFirst();
            assertThat(received.contentType()).startsWith("application/json");
            assertThat(parse(received.body()).getString("outcome")).isEqualTo("APPROVED");
        }
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

}
