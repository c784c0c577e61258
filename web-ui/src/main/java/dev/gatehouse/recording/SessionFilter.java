package dev.gatehouse.recording;

import java.time.Instant;

/**
 * Which recorded sessions to list. Null fields do not filter.
 *
 * @param connection the connection name, exactly
 * @param identity   a username, an agent's client id or an IdP subject, exactly
 * @param from       only sessions still open at or after this instant (ended at or after it, or active)
 * @param to         only sessions that started before this instant
 * @param active     true: only sessions still running; false: only ended ones
 */
public record SessionFilter(String connection, String identity, Instant from, Instant to, Boolean active) {

    public static final SessionFilter ALL = new SessionFilter(null, null, null, null, null);
}
