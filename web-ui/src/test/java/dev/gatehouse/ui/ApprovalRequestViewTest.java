package dev.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.workflow.RequestKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalRequestViewTest {

    private static final Instant STARTED = Instant.parse("2026-11-26T07:00:00Z");

    @Test
    void aRunningRequestIsPendingWithTheTimeToItsExpiry() {
        ApprovalRequestView running = request("RUNNING");

        assertThat(running.running()).isTrue();
        assertThat(running.statusSeverity()).isEqualTo("warning");
        assertThat(running.timeLeft(STARTED.plus(Duration.ofMinutes(90)))).isEqualTo("22h 30m left");
        assertThat(running.timeLeft(STARTED.plus(Duration.ofHours(25)))).isEqualTo("expiring now");
    }

    @Test
    void anEndedRequestShowsItsOutcomeAndNoClock() {
        ApprovalRequestView rejected = request("REJECTED");

        assertThat(rejected.status()).isEqualTo("REJECTED");
        assertThat(rejected.statusSeverity()).isEqualTo("danger");
        assertThat(rejected.running()).isFalse();
        assertThat(rejected.timeLeft(STARTED)).isEqualTo("ended");
        assertThat(rejected.kindLabel()).isEqualTo("Statement");
    }

    private static ApprovalRequestView request(String status) {
        return new ApprovalRequestView("r-1", RequestKind.COMMAND_REVIEW, "eve", "payments", "updates-need-approval",
                "update accounts set balance = 0", null, null, null, "15m", 2, STARTED, status, STARTED.plus(Duration.ofHours(24)),
                List.of(), List.of());
    }
}
