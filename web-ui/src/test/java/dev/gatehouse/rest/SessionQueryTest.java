package dev.gatehouse.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.recording.SessionFilter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionQueryTest {

    @Test
    void emptyParametersMeanNoFilterAndTheFirstPage() {
        assertThat(SessionQuery.filter(null, " ", "", null, null)).isEqualTo(SessionFilter.ALL);
        assertThat(SessionQuery.paging(null, null)).containsExactly(0, SessionQuery.DEFAULT_SIZE);
    }

    @Test
    void parsesEveryFilter() {
        SessionFilter filter = SessionQuery.filter("orders", "alice", "2025-01-31T08:00:00Z", "2025-01-31T10:00:00+01:00", "TRUE");
        assertThat(filter).isEqualTo(new SessionFilter("orders", "alice", Instant.parse("2025-01-31T08:00:00Z"),
                Instant.parse("2025-01-31T09:00:00Z"), true));
        assertThat(SessionQuery.paging("3", "500")).containsExactly(3, 500);
    }

    @Test
    void namesEveryBadParameterAtOnce() {
        assertThat(fields(() -> SessionQuery.filter(null, null, "yesterday", "2025-13-01T00:00:00Z", "maybe")))
                .containsExactly("from", "to", "active");
        assertThat(fields(() -> SessionQuery.paging("-1", "501"))).containsExactly("page", "size");
        assertThat(fields(() -> SessionQuery.paging("x", "0"))).containsExactly("page", "size");
    }

    @Test
    void aRangeMustRunForwards() {
        assertThat(fields(() -> SessionQuery.filter(null, null, "2025-01-31T10:00:00Z", "2025-01-31T08:00:00Z", null)))
                .containsExactly("to");
    }

    @Test
    void aSessionIdMustBeAUuid() {
        assertThat(fields(() -> SessionQuery.sessionId("not-a-uuid"))).containsExactly("id");
    }

    private static java.util.List<String> fields(Runnable call) {
        ValidationFailedException e = catchThrowableOfType(ValidationFailedException.class, call::run);
        assertThat(e).isNotNull();
        return e.errors().stream().map(FieldError::field).toList();
    }
}
