package dev.gatehouse.recording;

import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import dev.gatehouse.proxy.api.RecordedEvent;
import dev.gatehouse.proxy.masking.MaskingEvidence;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes recorded sessions and statements into a store exactly as the gateway's recorder does (its
 * batch writer: data_session, data_statement and their chained audit events), for benchmarks that
 * need a large, realistic period without driving a client for each statement.
 */
public final class RecordedActivity {

    private RecordedActivity() {
    }

    /**
     * {@code sessions} sessions of {@code perSession} statements each, {@code step} apart from
     * {@code start}, alternating a person and an agent; every 100th statement is blocked and every
     * 10th has one masked value.
     */
    public static void write(Connection connection, String connectionName, int sessions, int perSession, Instant start, Duration step)
            throws SQLException {
        Identity person = new Identity("sub-eve", "eve", null, IdentityKind.HUMAN, Set.of("gatehouse-user"), Set.of(), null, null, null,
                "oidc-access-token");
        Identity agent = new Identity("sub-bot", "service-account-etl", "etl-bot", IdentityKind.AGENT, Set.of("gatehouse-user"), Set.of(),
                null, null, null, "oidc-access-token");
        connection.setAutoCommit(false);
        long ticks = 0;
        for (int s = 0; s < sessions; s++) {
            UUID id = UUID.randomUUID();
            List<RecordedEvent> batch = new ArrayList<>();
            batch.add(new RecordedEvent.SessionStarted(id, start.plus(step.multipliedBy(ticks)), s % 2 == 0 ? person : agent, "postgres",
                    connectionName, "bench", "10.0.0." + (s % 250) + ":5000", true, "bench", "role:gatehouse-user"));
            for (int n = 1; n <= perSession; n++) {
                Instant at = start.plus(step.multipliedBy(++ticks));
                boolean blocked = n % 100 == 0;
                List<MaskingEvidence> masking = n % 10 == 0 ? List.of(new MaskingEvidence("r-ssn", "ssn", "customers.ssn", 1)) : List.of();
                batch.add(new RecordedEvent.StatementExecuted(id, n, at, at, 120, "extended",
                        blocked ? "delete from accounts where id = " + n : "select id, ssn from customers where id = $1", List.of(),
                        blocked ? List.of() : List.of("SELECT 1"), blocked ? 0 : 1, blocked ? "42501" : null,
                        blocked ? "blocked by guardrail \"no-delete\"" : null, blocked ? "DENY" : "ALLOW", blocked ? "no-delete" : null, masking));
            }
            batch.add(new RecordedEvent.SessionEnded(id, start.plus(step.multipliedBy(++ticks)), "client terminated", 1000, 5000, perSession));
            new RecordingBatchWriter(connection, unknown -> null).write(batch);
            connection.commit();
        }
    }
}
