package dev.gatehouse.evidence.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Live access nobody uses, from the store alone, at the snapshot's moment ("now"):
 * <ul>
 *   <li><b>Stale JIT grant</b> (C3, C4): an access_grant live now (not revoked, valid_from &lt;= now &lt; valid_until) with
 *       no recorded session of its requester on its connection since the grant started, or none in the last 30 days.</li>
 *   <li><b>Stale unmask exemption</b> (C4, C15): a masking_exemption live now (not revoked, starts_at &lt;= now &lt; ends_at)
 *       with no recorded session of its identity (by subject or username) on its connection ('*': any) since it
 *       started, or none in the last 30 days. A session is the closest use the store records: which values a session
 *       saw unmasked is not kept.</li>
 *   <li><b>Dormant identity</b> (C1, C4): an identity the store has recorded sessions of, whose latest session started
 *       more than 90 days ago, and which a connection still lets in: a role rule that admitted one of its sessions
 *       (matched_rule role:X) is still among that connection's allowed roles. Identities that never opened a session
 *       are invisible to the store; the identity inventory of an evidence pack covers them.</li>
 * </ul>
 * An agent is named by its client id, a person by username, as the recorder names them.
 */
final class StaleAccessQueries {

    static final Duration UNUSED = Duration.ofDays(30);
    static final Duration DORMANT = Duration.ofDays(90);

    private static final String SESSION_IDENTITY =
            "case when s.identity_kind = 'agent' and s.client_id is not null then s.client_id else s.username end";

    /** Parameters: now, now, now, unused-before. */
    private static final String JIT = """
            select g.requester as who, 'jit:' || g.request_id || ' on ' || g.connection_name as access,
                   g.valid_from as since, u.last_used
              from access_grant g
              left join lateral (select max(s.started_at) as last_used from data_session s
                                  where s.connection_name = g.connection_name and s.started_at >= g.valid_from
                                    and s.started_at < ? and %s = g.requester) u on true
             where g.revoked_at is null and g.valid_from <= ? and g.valid_until > ?
               and (u.last_used is null or u.last_used < ?)""".formatted(SESSION_IDENTITY);

    /** Parameters: now, now, now, unused-before. */
    private static final String UNMASK = """
            select coalesce(e.username, e.subject) as who, 'unmask:' || e.id || ' on ' || e.connection_name as access,
                   e.starts_at as since, u.last_used
              from masking_exemption e
              left join lateral (select max(s.started_at) as last_used from data_session s
                                  where (e.connection_name = '*' or s.connection_name = e.connection_name)
                                    and s.started_at >= e.starts_at and s.started_at < ?
                                    and ((e.subject is not null and s.identity_subject = e.subject)
                                         or (e.username is not null and s.username = e.username))) u on true
             where e.revoked_at is null and e.starts_at <= ? and e.ends_at > ?
               and (u.last_used is null or u.last_used < ?)""";

    /** Parameter: dormant-before. */
    private static final String DORMANT_IDENTITIES = """
            with per_identity as (
                select %1$s as who, min(s.started_at) as since, max(s.started_at) as last_used
                  from data_session s group by 1),
            still_allowed as (
                select distinct %1$s as who, s.connection_name || ' via ' || s.matched_rule as access
                  from data_session s
                  join connection c on c.name = s.connection_name
                  join connection_allowed_role a on a.connection_id = c.id and s.matched_rule = 'role:' || a.role_name)
            select p.who, string_agg(a.access, ', ' order by a.access) as access, p.since, p.last_used
              from per_identity p join still_allowed a on a.who = p.who
             where p.who is not null and p.last_used < ?
             group by p.who, p.since, p.last_used""".formatted(SESSION_IDENTITY);

    private StaleAccessQueries() {
    }

    static StaleAccess at(Connection connection, Instant now, int listed) throws SQLException {
        Instant unusedBefore = now.minus(UNUSED);
        List<Instant> grantBounds = List.of(now, now, now, unusedBefore);
        List<Instant> dormantBound = List.of(now.minus(DORMANT));
        return new StaleAccess(
                count(connection, JIT, grantBounds), count(connection, UNMASK, grantBounds), count(connection, DORMANT_IDENTITIES, dormantBound),
                list(connection, JIT, grantBounds, listed), list(connection, UNMASK, grantBounds, listed),
                list(connection, DORMANT_IDENTITIES, dormantBound, listed));
    }

    private static long count(Connection connection, String query, List<Instant> bounds) throws SQLException {
        try (PreparedStatement count = bound(connection, "select count(*) from (" + query + ") x", bounds);
                ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<StaleAccess.Item> list(Connection connection, String query, List<Instant> bounds, int listed)
            throws SQLException {
        List<StaleAccess.Item> items = new ArrayList<>();
        try (PreparedStatement list = bound(connection, "select x.who, x.access, x.since, x.last_used from (" + query + ") x"
                + " order by coalesce(x.last_used, x.since), x.who, x.access limit " + listed, bounds);
                ResultSet rs = list.executeQuery()) {
            while (rs.next()) {
                OffsetDateTime lastUsed = rs.getObject(4, OffsetDateTime.class);
                items.add(new StaleAccess.Item(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        lastUsed == null ? null : lastUsed.toInstant()));
            }
        }
        return items;
    }

    private static PreparedStatement bound(Connection connection, String sql, List<Instant> bounds) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < bounds.size(); i++) {
            statement.setObject(i + 1, OffsetDateTime.ofInstant(bounds.get(i), ZoneOffset.UTC));
        }
        return statement;
    }
}
