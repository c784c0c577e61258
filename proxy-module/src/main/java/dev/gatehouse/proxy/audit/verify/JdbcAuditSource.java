package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.ChainedEvent;
import dev.gatehouse.proxy.audit.Checkpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/**
 * Reads a range of the chain straight from the store (schema V6). Everything is read in one
 * read-only, repeatable-read transaction, so rows and checkpoints come from the same snapshot even
 * while the gateway keeps appending, and rows stream through a server-side cursor fetched
 * {@link #FETCH_SIZE} rows at a time, so memory stays flat however long the range.
 *
 * <p>The cursor is an explicit {@code DECLARE ... CURSOR}, not the driver's fetch size: PostgreSQL
 * plans a declared cursor for its first rows (the seq index, then one payload lookup per statement),
 * where a plain query over millions of rows gets a hash join and an on-disk sort that must finish
 * before the first row arrives.
 *
 * <p>It reads no keys: the examiner's key file is the only trust anchor (see {@link PublicKeys}).
 */
public final class JdbcAuditSource implements AuditSource {

    static final int FETCH_SIZE = 1000;

    private static final String UUID_PATTERN = "'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'";

    // A statement's payload is joined through the ids in its details. They are checked before the
    // casts, so a row whose details were tampered into nonsense is reported, not a query error; other
    // actions get a null key, which the index answers without a lookup.
    private static final String EVENTS = """
            declare gatehouse_verify no scroll cursor for
            select e.seq, e.occurred_at, e.action, e.actor, e.actor_kind, e.client_address, e.target_type, e.target_id, e.target_name,
                   e.outcome, e.details_sha256, e.prev_hash, e.hash, e.details::text, s.found, s.sql_text, s.parameters
              from audit_event e
              left join lateral (
                    select true as found, d.sql_text, d.parameters
                      from data_statement d
                     where d.session_id = case when e.action <> 'statement.executed' then null
                                               when e.details ->> 'sessionId' ~ %s then (e.details ->> 'sessionId')::uuid end
                       and d.sequence = case when e.action <> 'statement.executed' then null
                                             when e.details ->> 'sequence' ~ '^-?[0-9]{1,18}$' then (e.details ->> 'sequence')::bigint end
                   ) s on true
             where e.seq is not null and e.seq between %d and %d
             order by e.seq""";
    private static final String FETCH = "fetch forward " + FETCH_SIZE + " from gatehouse_verify";
    private static final String CHECKPOINTS = "select seq, hash, signed_at, key_id, prev_signature, signature from audit_checkpoint"
            + " where seq between ? and ? order by seq";
    private static final String LEGACY = "select count(*) from audit_event where seq is null";

    private final Connection connection;
    private final SeqRange range;
    private final String description;
    private final boolean autoCommitBefore;
    private final int isolationBefore;
    private Statement cursor;

    private JdbcAuditSource(Connection connection, SeqRange range, String description, boolean autoCommitBefore, int isolationBefore) {
        this.connection = connection;
        this.range = range;
        this.description = description;
        this.autoCommitBefore = autoCommitBefore;
        this.isolationBefore = isolationBefore;
    }

    /**
     * Starts the read-only snapshot on {@code connection}; the caller still owns and closes the
     * connection, {@link #close()} only ends the transaction.
     *
     * @param description how messages name the store, e.g. "the database gatehouse"; never the password
     */
    public static JdbcAuditSource open(Connection connection, SeqRange range, String description) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        return new JdbcAuditSource(connection, range, description, autoCommit, isolation);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public SeqRange range() {
        return range;
    }

    @Override
    public Iterator<AuditRecord> events() {
        try {
            cursor = connection.createStatement();
            // Both bounds are longs, so formatting them into the text cannot inject anything.
            cursor.execute(EVENTS.formatted(UUID_PATTERN, range.from(), range.to()));
            return new Rows(cursor);
        } catch (SQLException e) {
            throw failed("reading audit_event", e);
        }
    }

    @Override
    public List<Checkpoint> checkpoints() {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(CHECKPOINTS)) {
            query.setLong(1, range.from());
            query.setLong(2, range.to());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    checkpoints.add(new Checkpoint(rows.getLong(1), rows.getString(2), rows.getObject(3, OffsetDateTime.class).toInstant(),
                            rows.getString(4), rows.getString(5), rows.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw failed("reading audit_checkpoint", e);
        }
        return checkpoints;
    }

    @Override
    public OptionalLong legacyUnchainedRows() {
        try (Statement query = connection.createStatement(); ResultSet rows = query.executeQuery(LEGACY)) {
            rows.next();
            return OptionalLong.of(rows.getLong(1));
        } catch (SQLException e) {
            throw failed("counting legacy rows", e);
        }
    }

    @Override
    public OptionalLong declaredLastSeq() {
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        try {
            if (cursor != null) {
                cursor.close();
            }
            connection.rollback();
            connection.setReadOnly(false);
            // A pooled connection goes back to the pool as it came: the application's own work runs at READ COMMITTED.
            connection.setTransactionIsolation(isolationBefore);
            connection.setAutoCommit(autoCommitBefore);
        } catch (SQLException e) {
            throw failed("ending the read transaction", e);
        }
    }

    private AuditSourceException failed(String doing, SQLException e) {
        return new AuditSourceException(doing + " from " + description + " failed: " + e.getMessage(), e);
    }

    /** The cursor as records, {@link #FETCH_SIZE} rows per round trip. */
    private final class Rows implements Iterator<AuditRecord> {
        private final Statement cursor;
        private ResultSet batch;
        private int batchRows = FETCH_SIZE;
        private Boolean ahead;

        Rows(Statement cursor) {
            this.cursor = cursor;
        }

        @Override
        public boolean hasNext() {
            if (ahead == null) {
                try {
                    ahead = advance();
                } catch (SQLException e) {
                    throw failed("reading audit_event", e);
                }
            }
            return ahead;
        }

        private boolean advance() throws SQLException {
            while (true) {
                if (batch != null && batch.next()) {
                    batchRows++;
                    return true;
                }
                if (batch != null) {
                    batch.close();
                }
                if (batchRows < FETCH_SIZE) {
                    return false;
                }
                batch = cursor.executeQuery(FETCH);
                batchRows = 0;
            }
        }

        @Override
        public AuditRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ahead = null;
            try {
                return record(batch);
            } catch (SQLException e) {
                throw failed("reading audit_event", e);
            }
        }
    }

    private static AuditRecord record(ResultSet row) throws SQLException {
        ChainedEvent event = new ChainedEvent(row.getLong(1), row.getObject(2, OffsetDateTime.class).toInstant(), row.getString(3),
                row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9), row.getString(10),
                row.getString(11), row.getString(12), row.getString(13));
        StatementPayload payload = row.getBoolean(15) ? new StatementPayload(row.getString(16), row.getString(17)) : null;
        return new AuditRecord(event, details(event.seq(), row.getString(14)), payload);
    }

    /** jsonb always parses, but may nest deeper than the parser allows: that is tampering, not an error. */
    private static Object details(long seq, String text) {
        if (text == null) {
            return null;
        }
        try {
            return CanonicalJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UnreadableRecordException("the details of seq " + seq + " cannot be read: " + e.getMessage(), e);
        }
    }
}
