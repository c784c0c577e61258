package dev.gatehouse.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * One bounded batch of purging per call, each in a transaction of its own, so no lock is held for
 * longer than one batch and the data path's recorder is never kept waiting for a whole run.
 *
 * <p>Every batch first takes the hold lock shared (RetentionLocks.HOLDS) and then reads legal holds
 * in its own statements: a session or connection held before the batch began is never touched.
 */
@ApplicationScoped
public class RetentionBatches {

    /** Not held: neither the session nor (through its policy) the session's connection. */
    private static final String NOT_HELD = " not s.legal_hold and not exists (select 1 from retention_policy p"
            + " where p.connection_name = s.connection_name and p.legal_hold)";
    /** Each session's connection's own cutoff, or the default (the last parameter) when it has no policy. */
    private static final String OWN_CUTOFFS = " left join unnest(?::text[], ?::timestamptz[]) as own(connection_name, cutoff)"
            + " on own.connection_name = s.connection_name";

    /*
     * Both recording scans walk an index by time from a cursor (">=", the last time the batch before
     * reached) instead of from the beginning: what a batch skipped (held, or kept longer by its
     * connection's policy) is skipped once per run rather than once per batch.
     */
    private static final String PURGE_PAYLOADS = "with doomed as ("
            + " select t.session_id, t.sequence, t.started_at, s.connection_name from data_statement t"
            + " join data_session s on s.id = t.session_id" + OWN_CUTOFFS
            + " where t.payload_purged_at is null and t.started_at >= ? and t.started_at < ? and t.started_at < coalesce(own.cutoff, ?)"
            + " and" + NOT_HELD
            + " order by t.started_at limit ?)"
            + " update data_statement st set sql_text = null, parameters = null, payload_purged_at = ?"
            + " from doomed where st.session_id = doomed.session_id and st.sequence = doomed.sequence"
            + " returning doomed.connection_name, doomed.started_at";

    private static final String PICK_RECORDINGS = "select s.id, s.connection_name, s.started_at from data_session s" + OWN_CUTOFFS
            + " where s.ended_at is not null and s.started_at >= ? and s.started_at < ? and s.ended_at < coalesce(own.cutoff, ?)"
            + " and" + NOT_HELD
            + " order by s.started_at limit ?";
    private static final String DELETE_STATEMENTS = "delete from data_statement where (session_id, sequence) in"
            + " (select session_id, sequence from data_statement where session_id = any (?) limit ?) returning session_id";
    private static final String DELETE_EMPTY_SESSIONS = "delete from data_session s where s.id = any (?)"
            + " and not exists (select 1 from data_statement t where t.session_id = s.id) returning s.id";

    /** Distinct names by skipping along the (target_name, occurred_at) partial index, not by reading every kept row. */
    private static final String AUDIT_CONNECTIONS = "with recursive kept(name) as ("
            + " (select target_name from audit_event where details is not null and target_type = 'connection' and target_name is not null"
            + " order by target_name limit 1)"
            + " union all"
            + " select (select e.target_name from audit_event e where e.details is not null and e.target_type = 'connection'"
            + " and e.target_name > k.name order by e.target_name limit 1) from kept k where k.name is not null)"
            + " select name from kept where name is not null";
    private static final String PURGE_AUDIT = "select audit_purge_details(?, ?, ?)";

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    /**
     * Statement text and parameters older than their connection's payload period, up to
     * {@code limit} rows, oldest first from {@code from}.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public PayloadsPurged purgePayloads(PurgePlan plan, Instant from, int limit) {
        return work(connection -> {
            try (PreparedStatement st = connection.prepareStatement(PURGE_PAYLOADS)) {
                int i = bindOwnCutoffs(connection, st, plan, plan.ownCutoffs(RetentionCutoffs::payload));
                st.setObject(i++, utc(from));
                st.setObject(i++, utc(plan.latestPayloadCutoff()));
                st.setObject(i++, utc(plan.defaults().payload()));
                st.setInt(i++, limit);
                st.setObject(i, utc(plan.now()));
                Map<String, Long> counts = new HashMap<>();
                Instant reached = from;
                int purged = 0;
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        counts.merge(rs.getString(1), 1L, Long::sum);
                        Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
                        reached = at.isAfter(reached) ? at : reached;
                        purged++;
                    }
                }
                return new PayloadsPurged(counts, reached, purged == limit);
            }
        });
    }

    /**
     * Ended sessions older than their connection's recording period, oldest first from {@code from}:
     * up to {@code limit} of their statements, then the sessions that have no statement left.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public RecordingsDeleted deleteRecordings(PurgePlan plan, Instant from, int limit) {
        return work(connection -> {
            List<PickedSession> picked = pickRecordings(connection, plan, from, limit);
            if (picked.isEmpty()) {
                return new RecordingsDeleted(Map.of(), Map.of(), from, false);
            }
            Map<UUID, String> connectionOf = new HashMap<>();
            picked.forEach(p -> connectionOf.put(p.id(), p.connection()));
            java.sql.Array ids = connection.createArrayOf("uuid", connectionOf.keySet().toArray());
            Map<String, Long> statements = new HashMap<>();
            int deleted = 0;
            try (PreparedStatement st = connection.prepareStatement(DELETE_STATEMENTS)) {
                st.setArray(1, ids);
                st.setInt(2, limit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        statements.merge(connectionOf.get(rs.getObject(1, UUID.class)), 1L, Long::sum);
                        deleted++;
                    }
                }
            }
            Set<UUID> gone = new HashSet<>();
            try (PreparedStatement st = connection.prepareStatement(DELETE_EMPTY_SESSIONS)) {
                st.setArray(1, ids);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        gone.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            Map<String, Long> sessions = new HashMap<>();
            gone.forEach(id -> sessions.merge(connectionOf.get(id), 1L, Long::sum));
            // The next batch starts at the oldest session still left, or after the last one when all went.
            Instant reached = picked.stream().filter(p -> !gone.contains(p.id())).map(PickedSession::startedAt).findFirst()
                    .orElse(picked.getLast().startedAt());
            return new RecordingsDeleted(statements, sessions, reached, picked.size() == limit || deleted == limit);
        });
    }

    /** Connections with audit events whose details are still kept (to be offered to {@link #purgeAuditDetails}). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<String> connectionsWithAuditDetails() {
        return work(connection -> {
            try (PreparedStatement st = connection.prepareStatement(AUDIT_CONNECTIONS)) {
                List<String> names = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                return names;
            }
        });
    }

    /**
     * Sets the details of up to {@code limit} audit events older than {@code cutoff} to NULL, through
     * audit_purge_details (V6), the only path the database opens to an audit row.
     *
     * @param connection the events about this connection, or null for the events about no connection
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long purgeAuditDetails(String connection, Instant cutoff, int limit) {
        return work(db -> {
            try (PreparedStatement st = db.prepareStatement(PURGE_AUDIT)) {
                if (connection == null) {
                    st.setNull(1, Types.VARCHAR);
                } else {
                    st.setString(1, connection);
                }
                st.setObject(2, utc(cutoff));
                st.setInt(3, limit);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static List<PickedSession> pickRecordings(Connection connection, PurgePlan plan, Instant from, int limit) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(PICK_RECORDINGS)) {
            int i = bindOwnCutoffs(connection, st, plan, plan.ownCutoffs(RetentionCutoffs::recording));
            st.setObject(i++, utc(from));
            st.setObject(i++, utc(plan.latestRecordingCutoff()));
            st.setObject(i++, utc(plan.defaults().recording()));
            st.setInt(i, limit);
            List<PickedSession> sessions = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sessions.add(new PickedSession(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
            return sessions;
        }
    }

    /** Binds the own policies' names and cutoffs (parameters 1 and 2); returns the next parameter index. */
    private static int bindOwnCutoffs(Connection connection, PreparedStatement st, PurgePlan plan, String[] cutoffs) throws SQLException {
        st.setArray(1, connection.createArrayOf("text", plan.ownConnections()));
        st.setArray(2, connection.createArrayOf("text", cutoffs));
        return 3;
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** Runs on the transaction's own connection, after taking the hold lock shared. */
    private <T> T work(BatchWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            RetentionLocks.forPurgeBatch(connection);
            return work.run(connection);
        });
    }

    @FunctionalInterface
    private interface BatchWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private record PickedSession(UUID id, String connection, Instant startedAt) {
    }

    /** What one payload batch purged, per connection; where the next batch starts; {@code more} when it stopped at its limit. */
    public record PayloadsPurged(Map<String, Long> counts, Instant reached, boolean more) {
    }

    /** What one recordings batch deleted, per connection; where the next batch starts; {@code more} when it stopped at its limit. */
    public record RecordingsDeleted(Map<String, Long> statements, Map<String, Long> sessions, Instant reached, boolean more) {
    }
}
