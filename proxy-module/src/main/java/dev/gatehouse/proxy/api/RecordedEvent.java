package dev.gatehouse.proxy.api;

import dev.gatehouse.proxy.masking.MaskingEvidence;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What the data path records. Values only: no secrets (the target's password and the client's token
 * never reach an event), and no result data.
 */
public sealed interface RecordedEvent {

    /** When it happened, in server time. */
    Instant at();

    /**
     * A client authenticated, was authorised, and the gateway reached the target.
     *
     * @param clientAddress  {@code ip:port} of the client as the gateway saw it
     * @param clientTls      whether the client connection is encrypted
     * @param applicationName what the client put in {@code application_name}, if anything
     * @param matchedRule    the access rule that allowed it, e.g. {@code role:gatehouse-user}
     */
    record SessionStarted(UUID sessionId, Instant at, Identity identity, String protocol, String connection,
            String database, String clientAddress, boolean clientTls, String applicationName, String matchedRule)
            implements RecordedEvent {
        public SessionStarted {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(identity, "identity");
        }
    }

    /**
     * One statement the client ran: a simple-protocol query string (which may hold several
     * statements), or one extended-protocol execution of a prepared statement.
     *
     * @param sequence     1-based order within the session
     * @param commandTags  the command tags the target answered, in order (one per statement run)
     * @param rows         rows affected or returned (from the last tag that carries a count, or counted DataRows)
     * @param sqlState     the SQLSTATE when it failed, else null
     * @param errorMessage the target's (or the gateway's) error message when it failed, else null
     * @param decision     what guardrails decided (ALLOW, DENY, REQUIRE_APPROVAL, ALLOW_AND_ALERT), or
     *                     null when the connection has no guardrails
     * @param decisionRule the rule that decided, or null when none matched
     * @param masking      which masking rules fired on which columns, and how often; empty when none did
     *                     ({@code parameters} are then already masked where a rule covers them)
     */
    record StatementExecuted(UUID sessionId, long sequence, Instant at, Instant endedAt, long durationMicros,
            String protocolMode, String sql, List<BoundParameter> parameters, List<String> commandTags, long rows,
            String sqlState, String errorMessage, String decision, String decisionRule, List<MaskingEvidence> masking)
            implements RecordedEvent {
        public StatementExecuted {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
            commandTags = commandTags == null ? List.of() : List.copyOf(commandTags);
            masking = masking == null ? List.of() : List.copyOf(masking);
        }

        /** A statement on which no masking rule fired. */
        public StatementExecuted(UUID sessionId, long sequence, Instant at, Instant endedAt, long durationMicros,
                String protocolMode, String sql, List<BoundParameter> parameters, List<String> commandTags, long rows,
                String sqlState, String errorMessage, String decision, String decisionRule) {
            this(sessionId, sequence, at, endedAt, durationMicros, protocolMode, sql, parameters, commandTags, rows,
                    sqlState, errorMessage, decision, decisionRule, List.of());
        }

        /** A statement on a connection without guardrails. */
        public StatementExecuted(UUID sessionId, long sequence, Instant at, Instant endedAt, long durationMicros,
                String protocolMode, String sql, List<BoundParameter> parameters, List<String> commandTags, long rows,
                String sqlState, String errorMessage) {
            this(sessionId, sequence, at, endedAt, durationMicros, protocolMode, sql, parameters, commandTags, rows,
                    sqlState, errorMessage, null, null);
        }

        public boolean failed() {
            return sqlState != null;
        }
    }

    /**
     * The session ended.
     *
     * @param reason e.g. {@code client terminated}, {@code client disconnected}, {@code target closed},
     *               {@code gateway shutdown}, {@code protocol violation: ...}
     */
    record SessionEnded(UUID sessionId, Instant at, String reason, long bytesFromClient, long bytesToClient,
            long statements) implements RecordedEvent {
    }

    /**
     * A login that did not become a session: a bad token, an unknown connection, a refused
     * identity, an unreachable target. {@code identity} is null when the credential itself failed.
     *
     * @param sqlState the SQLSTATE the client received (28000, 28P01, 08001 ...)
     * @param reason   a stable code such as {@code expired}, {@code unknown_connection}, {@code not_allowed}
     */
    record LoginRefused(Instant at, Identity identity, String protocol, String connection, String database,
            String clientAddress, String sqlState, String reason, String message) implements RecordedEvent {
    }
}
