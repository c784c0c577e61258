package dev.gatehouse.rest;

import dev.gatehouse.retention.RetentionPolicy;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A retention policy as the API returns it. */
@Schema(name = "RetentionPolicy", description = "The days each kind of data is kept for a connection ('*': every connection without"
        + " its own policy, and events about no connection). source is 'own' when the connection has a policy of its own, 'default'"
        + " when '*' applies to it. A connection under legal hold keeps everything whatever its days say.")
public record RetentionPolicyView(String connection, String source, int payloadDays, int recordingDays, int auditDays, boolean legalHold,
        String legalHoldReason, String legalHoldBy, Instant legalHoldAt, String updatedBy, Instant updatedAt) {

    /** A stored row: the default ('*', source default) or a connection's own. */
    static RetentionPolicyView of(RetentionPolicy policy) {
        var periods = policy.periods();
        return new RetentionPolicyView(policy.connectionName(), policy.isDefault() ? "default" : "own", periods.payloadDays(),
                periods.recordingDays(), periods.auditDays(), policy.legalHold(), policy.legalHoldReason(), policy.legalHoldBy(),
                policy.legalHoldAt(), policy.updatedBy(), policy.updatedAt());
    }

    /** What applies to {@code connection}: its own row, or the default's days (a default never holds). */
    static RetentionPolicyView applying(String connection, RetentionPolicy applied) {
        if (applied.connectionName().equals(connection)) {
            return of(applied);
        }
        var periods = applied.periods();
        return new RetentionPolicyView(connection, "default", periods.payloadDays(), periods.recordingDays(), periods.auditDays(), false,
                null, null, null, applied.updatedBy(), applied.updatedAt());
    }
}
