package dev.gatehouse.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PurgeCountsTest {

    @Test
    void countsAddUpPerConnectionAndKindAndZerosAreDropped() {
        PurgeCounts counts = new PurgeCounts();
        counts.addAll(Map.of("payments", 3L, "reporting", 0L), PurgeKind.PAYLOADS);
        counts.add("payments", PurgeKind.PAYLOADS, 2);
        counts.add("*", PurgeKind.AUDIT_DETAILS, 7);

        assertThat(counts.asMap()).isEqualTo(Map.of("payments", Map.of("payloads", 5L), "*", Map.of("auditDetails", 7L)));
        assertThat(counts.total(PurgeKind.PAYLOADS)).isEqualTo(5);
        assertThat(new PurgeCounts().isEmpty()).isTrue();
    }

    @Test
    void theAuditDetailsAreFlatTotalsAndConnectionEqualsCountLists() {
        PurgeCounts counts = new PurgeCounts();
        counts.add("b.prod", PurgeKind.SESSIONS, 1);
        counts.add("a-prod", PurgeKind.SESSIONS, 2);

        Map<String, Object> details = counts.auditDetails();

        assertThat(details).containsEntry("sessions", 3L).containsEntry("sessionsByConnection", List.of("a-prod=2", "b.prod=1"))
                .containsEntry("payloads", 0L).containsEntry("payloadsByConnection", List.of());
        assertThat(details.values()).noneMatch(Map.class::isInstance);
    }
}
