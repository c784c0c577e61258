package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.ChainedEvent;
import dev.gatehouse.proxy.audit.Checkpoint;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes {@link TestChain}'s chain into a store migrated to V6, as the application would: rows into
 * audit_event with their details as jsonb, each statement's text and parameters into
 * data_statement, and signed checkpoints into audit_checkpoint.
 */
final class StoreChain {

    private static final String EVENT = "insert into audit_event (seq, occurred_at, actor, actor_kind, client_address, action, target_type,"
            + " target_id, target_name, outcome, details, prev_hash, hash, details_sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)";
    private static final String STATEMENT = "insert into data_statement (session_id, sequence, started_at, duration_micros, sql_text, parameters)"
            + " values (?, ?, ?, 10, ?, ?)";
    private static final String CHECKPOINT = "insert into audit_checkpoint (seq, hash, signed_at, key_id, prev_signature, signature)"
            + " values (?, ?, ?, ?, ?, ?)";

    private StoreChain() {
    }

    /** Empties the audit tables the way only a superuser can: with the append-only triggers switched off. */
    static void reset(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
            statement.execute("delete from audit_event where seq is not null");
            statement.execute("delete from audit_checkpoint");
            statement.execute("delete from data_statement");
            statement.execute("delete from data_session");
            statement.execute("set session_replication_role = origin");
            statement.execute("insert into data_session (id, identity_subject, identity_kind, protocol, connection_name, client_tls, started_at)"
                    + " values ('" + TestChain.SESSION + "', 'alice', 'user', 'postgres', 'orders-db', false, now())");
        }
    }

    /** Inserts {@code count} chained events and checkpoints at the given seqs; returns the checkpoints. */
    static List<Checkpoint> insert(Connection connection, int count, KeyPair keys, long... checkpointSeqs) throws SQLException {
        List<String> hashes = new ArrayList<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement event = connection.prepareStatement(EVENT); PreparedStatement statement = connection.prepareStatement(STATEMENT)) {
            Iterator<AuditRecord> records = TestChain.generate(count);
            while (records.hasNext()) {
                AuditRecord record = records.next();
                addEvent(event, record);
                if (record.payload() != null) {
                    statement.setObject(1, TestChain.SESSION);
                    statement.setLong(2, record.seq());
                    statement.setObject(3, record.event().occurredAt().atOffset(ZoneOffset.UTC));
                    statement.setString(4, record.payload().sql());
                    statement.setString(5, record.payload().parameters());
                    statement.addBatch();
                }
                hashes.add(record.event().hash());
                if (record.seq() % 1000 == 0) {
                    event.executeBatch();
                    statement.executeBatch();
                }
            }
            event.executeBatch();
            statement.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        String previousSignature = "";
        for (long seq : checkpointSeqs) {
            Checkpoint checkpoint = Checkpoint.sign(seq, hashes.get((int) seq - 1), TestChain.START.plusSeconds(seq).plusMillis(500),
                    TestChain.KEY_ID, previousSignature, keys.getPrivate());
            insertCheckpoint(connection, checkpoint);
            checkpoints.add(checkpoint);
            previousSignature = checkpoint.signature();
        }
        return checkpoints;
    }

    static void insertCheckpoint(Connection connection, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(CHECKPOINT)) {
            insert.setLong(1, checkpoint.seq());
            insert.setString(2, checkpoint.hash());
            insert.setObject(3, checkpoint.signedAt().atOffset(ZoneOffset.UTC));
            insert.setString(4, checkpoint.keyId());
            insert.setString(5, checkpoint.previousSignature());
            insert.setString(6, checkpoint.signature());
            insert.executeUpdate();
        }
    }

    /** Runs statements as a superuser with triggers off, the way someone erasing their tracks would. */
    static void tamper(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
            for (String sql : statements) {
                statement.execute(sql);
            }
            statement.execute("set session_replication_role = origin");
        }
    }

    private static void addEvent(PreparedStatement insert, AuditRecord record) throws SQLException {
        ChainedEvent e = record.event();
        insert.setLong(1, e.seq());
        insert.setObject(2, e.occurredAt().atOffset(ZoneOffset.UTC));
        insert.setString(3, e.actor());
        insert.setString(4, e.actorKind());
        insert.setString(5, e.clientAddress());
        insert.setString(6, e.action());
        insert.setString(7, e.targetType());
        insert.setString(8, e.targetId());
        insert.setString(9, e.targetName());
        insert.setString(10, e.outcome());
        insert.setString(11, CanonicalJson.write(record.details()));
        insert.setString(12, e.prevHash());
        insert.setString(13, e.hash());
        insert.setString(14, e.detailsSha256());
        insert.addBatch();
    }
}
