package dev.gatehouse.audit.siem;

import dev.gatehouse.proxy.audit.CanonicalJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The sink store on PostgreSQL. A claim is a local transaction holding a transaction-level advisory
 * lock on the sink, so of several gateway nodes sharing the store only one delivers a sink at a time;
 * the lock goes with the commit or with the connection. The two-key form of the lock lives in a key
 * space of its own, apart from the audit chain's one-key lock.
 */
public final class JdbcSinkStore implements SinkStore {

    /** "SIEM" in ASCII: the first key of every sink lock; the second is the sink id's hash. */
    static final int LOCK_SPACE = 0x5349454d;

    private static final String STATEMENT_ACTIONS = ExportedEvent.STATEMENT_ACTIONS.stream().sorted().map(a -> "'" + a + "'")
            .collect(Collectors.joining(", "));
    private static final String ENABLED = "select id, updated_at from siem_sink where enabled";
    private static final String LOCK = "select pg_try_advisory_xact_lock(?, ?)";
    private static final String SINK = "select id, name, format, transport, endpoint, sealed_token, tls_ca_certificate, enabled, cursor_seq,"
            + " consecutive_failures, updated_at from siem_sink where id = ?";
    /**
     * The chain is gap-free and commits in seq order (appenders serialize on the chain lock), so
     * "seq > cursor" never skips a row that commits later. Statement texts come from the recording;
     * the CASEs make sure only well-formed ids are cast.
     */
    private static final String EVENTS = "select e.seq, e.occurred_at, e.actor, e.actor_kind, e.client_address, e.action, e.target_type,"
            + " e.target_id, e.target_name, e.outcome, e.details::text, e.hash, e.prev_hash, s.sql_text"
            + " from audit_event e left join data_statement s"
            + " on e.action in (" + STATEMENT_ACTIONS + ")"
            + " and s.session_id = (case when e.details ->> 'sessionId' ~ '^[0-9a-fA-F-]{36}$' then (e.details ->> 'sessionId')::uuid end)"
            + " and s.sequence = (case when e.details ->> 'sequence' ~ '^[0-9]{1,18}$' then (e.details ->> 'sequence')::bigint end)"
            + " where e.seq > ? order by e.seq limit ?";
    private static final String DELIVERED = "update siem_sink set cursor_seq = ?, delivered_count = delivered_count + ?,"
            + " consecutive_failures = 0, last_error = null, last_attempt_at = ?, last_delivered_at = ? where id = ? and cursor_seq < ?";
    private static final String FAILED = "update siem_sink set consecutive_failures = consecutive_failures + 1, last_error = ?,"
            + " last_attempt_at = ? where id = ? returning consecutive_failures";
    private static final String HEAD = "select coalesce(max(seq), 0) from audit_event";

    private final DataSource dataSource;

    public JdbcSinkStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Map<UUID, Instant> enabledSinks() {
        try (Connection db = dataSource.getConnection(); PreparedStatement st = db.prepareStatement(ENABLED); ResultSet rs = st.executeQuery()) {
            Map<UUID, Instant> sinks = new HashMap<>();
            while (rs.next()) {
                sinks.put(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant());
            }
            return sinks;
        } catch (SQLException e) {
            throw new SinkStoreException("cannot list the enabled sinks: " + e.getMessage(), e);
        }
    }

    /** The newest chain position; the lag of a sink is this minus its cursor. */
    public long headSeq() {
        try (Connection db = dataSource.getConnection(); PreparedStatement st = db.prepareStatement(HEAD); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new SinkStoreException("cannot read the head of the audit chain: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Claim> claim(UUID sinkId) {
        Connection db = null;
        try {
            db = dataSource.getConnection();
            db.setAutoCommit(false);
            try (PreparedStatement lock = db.prepareStatement(LOCK)) {
                lock.setInt(1, LOCK_SPACE);
                lock.setInt(2, sinkId.hashCode());
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        release(db, false);
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(new JdbcClaim(db, sinkId));
        } catch (SQLException e) {
            if (db != null) {
                release(db, false);
            }
            throw new SinkStoreException("cannot claim the sink: " + e.getMessage(), e);
        }
    }

    private static void release(Connection db, boolean committed) {
        try {
            if (!committed) {
                db.rollback();
            }
            db.setAutoCommit(true);
        } catch (SQLException ignored) {
            // The connection is closed next; the pool discards a broken one.
        } finally {
            try {
                db.close();
            } catch (SQLException ignored) {
                // Nothing left to release.
            }
        }
    }

    private static final class JdbcClaim implements Claim {

        private final Connection db;
        private final UUID sinkId;
        private boolean committed;

        JdbcClaim(Connection db, UUID sinkId) {
            this.db = db;
            this.sinkId = sinkId;
        }

        @Override
        public Optional<ConfiguredSink> sink() {
            try (PreparedStatement st = db.prepareStatement(SINK)) {
                st.setObject(1, sinkId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ConfiguredSink(rs.getObject(1, UUID.class), rs.getString(2),
                            SinkFormat.fromWireName(rs.getString(3)).orElseThrow(), SinkTransportKind.fromWireName(rs.getString(4)).orElseThrow(),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getLong(9), rs.getInt(10),
                            rs.getObject(11, OffsetDateTime.class).toInstant()));
                }
            } catch (SQLException e) {
                throw new SinkStoreException("cannot read the sink: " + e.getMessage(), e);
            }
        }

        @Override
        public List<ExportedEvent> eventsAfter(long seq, int limit) {
            try (PreparedStatement st = db.prepareStatement(EVENTS)) {
                st.setLong(1, seq);
                st.setInt(2, limit);
                try (ResultSet rs = st.executeQuery()) {
                    List<ExportedEvent> events = new ArrayList<>();
                    while (rs.next()) {
                        events.add(new ExportedEvent(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                                rs.getString(10), details(rs.getString(11)), rs.getString(14), rs.getString(12), rs.getString(13)));
                    }
                    return events;
                }
            } catch (SQLException e) {
                throw new SinkStoreException("cannot read audit events: " + e.getMessage(), e);
            }
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> details(String json) {
            if (json == null) {
                return null;
            }
            Object parsed = CanonicalJson.parse(json);
            return parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of("value", parsed);
        }

        @Override
        public void delivered(long lastSeq, int count, Instant at) {
            try (PreparedStatement st = db.prepareStatement(DELIVERED)) {
                st.setLong(1, lastSeq);
                st.setLong(2, count);
                st.setObject(3, at.atOffset(ZoneOffset.UTC));
                st.setObject(4, at.atOffset(ZoneOffset.UTC));
                st.setObject(5, sinkId);
                st.setLong(6, lastSeq);
                st.executeUpdate();
            } catch (SQLException e) {
                throw new SinkStoreException("cannot move the cursor: " + e.getMessage(), e);
            }
        }

        @Override
        public int failed(String error, Instant at) {
            try (PreparedStatement st = db.prepareStatement(FAILED)) {
                st.setString(1, error);
                st.setObject(2, at.atOffset(ZoneOffset.UTC));
                st.setObject(3, sinkId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 1;
                }
            } catch (SQLException e) {
                throw new SinkStoreException("cannot record the failure: " + e.getMessage(), e);
            }
        }

        @Override
        public void commit() {
            try {
                db.commit();
                committed = true;
            } catch (SQLException e) {
                throw new SinkStoreException("cannot commit the delivery round: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            release(db, committed);
        }
    }
}
