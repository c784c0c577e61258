package dev.gatehouse.retention;

import java.util.List;
import java.util.UUID;

/**
 * Legal holds: while one is in force, retention purges nothing of the held session, or of any
 * session, statement and audit event of the held connection. Placing or releasing a hold needs a
 * reason and is an audit event ({@code retention.legal_hold_set} / {@code retention.legal_hold_released})
 * naming who did it. Both operations are idempotent: holding what is held, or releasing what is not,
 * changes nothing and records nothing.
 *
 * <p>Who may do what is enforced by the REST resources and pages: a hold only preserves, so admins and
 * auditors may place one; releasing lets retention destroy evidence, so only auditors may, and the
 * admins who control the periods and the purge cannot both release and purge (docs/guides/retention.md).
 */
public interface LegalHolds {

    /** Holds a session; {@code false} when it was held already. */
    boolean holdSession(UUID session, String reason);

    /** Releases a session's hold; {@code false} when it was not held. */
    boolean releaseSession(UUID session, String reason);

    /** Holds a connection (it gets a policy of its own, with the default periods, if it had none). */
    RetentionPolicy holdConnection(String connection, String reason);

    /** Releases a connection's hold; its periods stay as they are. */
    RetentionPolicy releaseConnection(String connection, String reason);

    /** Held sessions, most recently held first. */
    List<HeldSession> heldSessions(int limit);
}
