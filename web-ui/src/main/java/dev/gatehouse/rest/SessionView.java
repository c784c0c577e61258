package dev.gatehouse.rest;

import dev.gatehouse.recording.RecordedSession;
import dev.gatehouse.recording.SessionSummary;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A recorded data-path session as the API returns it. */
@Schema(name = "Session", description = "A recorded data-path session: who, on which connection, from where, and how it ended."
        + " statementCount is the count reported at the end, or the statements recorded so far while active. legalHold: retention"
        + " purges nothing of it (see PUT /sessions/{id}/legal-hold); also true in effect when its connection is held.")
public record SessionView(String id, String connection, String database, String protocol, String identity, String identityKind,
        String subject, String username, String clientId, String authMethod, String tokenId, String clientAddress, boolean clientTls,
        String applicationName, String matchedRule, Instant startedAt, Instant endedAt, boolean active, String endReason,
        long bytesFromClient, long bytesToClient, long statementCount, boolean legalHold, String legalHoldReason, String legalHoldBy,
        Instant legalHoldAt) {

    static SessionView of(SessionSummary summary) {
        RecordedSession s = summary.session();
        return new SessionView(s.id().toString(), s.connectionName(), s.database(), s.protocol(), s.displayName(), s.kind(), s.subject(),
                s.username(), s.clientId(), s.authMethod(), s.tokenId(), s.clientAddress(), s.clientTls(), s.applicationName(),
                s.matchedRule(), s.startedAt(), s.endedAt(), s.active(), s.endReason(), s.bytesFromClient(), s.bytesToClient(),
                summary.statements(), s.legalHold(), s.legalHoldReason(), s.legalHoldBy(), s.legalHoldAt());
    }
}
