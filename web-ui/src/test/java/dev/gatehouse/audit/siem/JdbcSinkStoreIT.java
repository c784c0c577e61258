package dev.gatehouse.audit.siem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditEventBatch;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The sink store's SQL against a real PostgreSQL with the real schema (all migrations), as the
 * application's narrow role: events in seq order with their statement texts, the per-sink lock that
 * keeps two nodes apart, and cursor moves that count only when committed. Runs without Payara, on a
 * database of its own next to the IT database.
 */
class JdbcSinkStoreIT {

    private static final Instant AT = Instant.parse("2025-01-06T10:15:30.123456Z");
    private static String url;
    private static PGSimpleDataSource appRole;
    private static JdbcSinkStore store;

    @BeforeAll
    static void freshSchema() throws SQLException {
        String itUrl = System.getProperty("it.db.url", "jdbc:postgresql://127.0.0.1:5432/gatehouse_it");
        String user = System.getProperty("it.db.user", "postgres");
        int slash = itUrl.lastIndexOf('/');
        String database = itUrl.substring(slash + 1).replaceAll("\\?.*", "") + "_sinkstore";
        try (Connection admin = DriverManager.getConnection(itUrl.substring(0, slash + 1) + "postgres", user, "");
                Statement st = admin.createStatement()) {
            st.execute("drop database if exists " + database + " with (force)");
            st.execute("create database " + database);
        }
        url = itUrl.substring(0, slash + 1) + database;
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setURL(url);
        owner.setUser(user);
        Flyway.configure().dataSource(owner).locations("classpath:db/migration").load().migrate();
        // The role every pooled connection of the application takes (glassfish-resources.xml).
        appRole = new PGSimpleDataSource();
        appRole.setURL(url);
        appRole.setUser(user);
        appRole.setOptions("-c role=gatehouse_app");
        store = new JdbcSinkStore(appRole);
    }

    @Test
    void eventsComeInSeqOrderWithTheirStatementTextsAndParsedDetails() throws Exception {
        UUID session = UUID.randomUUID();
        long first = appendChain(session);
        UUID sink = addSink(true, first - 1);

        try (SinkStore.Claim claim = store.claim(sink).orElseThrow()) {
            assertThat(claim.sink()).map(ConfiguredSink::cursorSeq).contains(first - 1);
            List<ExportedEvent> events = claim.eventsAfter(first - 1, 100);

            assertThat(events).extracting(ExportedEvent::seq).containsExactly(first, first + 1, first + 2, first + 3, first + 4);
            assertThat(events).extracting(ExportedEvent::action).containsExactly("session.started", "statement.executed", "guardrail.alert",
                    "statement.executed", "connection.updated");
            assertThat(events.get(1).statementText()).isEqualTo("select * from payments");
            assertThat(events.get(2).statementText()).as("the alert names the same statement").isEqualTo("select * from payments");
            assertThat(events.get(3).statementText()).as("purged payload").isNull();
            assertThat(events.get(0).statementText()).isNull();
            assertThat(events.get(4).statementText()).isNull();
            assertThat(events.get(1).details()).containsEntry("rows", new BigDecimal(3)).containsEntry("sessionId", session.toString());
            assertThat(events.get(1).occurredAt()).isEqualTo(AT);
            assertThat(events.get(1).prevHash()).isEqualTo(events.get(0).hash());
            assertThat(events.get(4).clientAddress()).isEqualTo("10.0.0.9");
            assertThat(claim.eventsAfter(first + 1, 2)).extracting(ExportedEvent::seq).containsExactly(first + 2, first + 3);
        }
    }

    @Test
    void aSinkHeldByOneNodeCannotBeClaimedByAnother() {
        UUID sink = addSink(true, 0);
        try (SinkStore.Claim nodeA = store.claim(sink).orElseThrow()) {
            assertThat(store.claim(sink)).as("node B while A holds it").isEmpty();
            assertThat(store.claim(addSink(true, 0))).as("another sink is free").isPresent().get().satisfies(SinkStore.Claim::close);
        }
        Optional<SinkStore.Claim> nodeB = store.claim(sink);
        assertThat(nodeB).as("after A's round").isPresent();
        nodeB.get().close();
    }

    @Test
    void theCursorMovesOnlyWhenTheRoundCommits() throws Exception {
        UUID sink = addSink(true, 5);
        try (SinkStore.Claim claim = store.claim(sink).orElseThrow()) {
            claim.delivered(9, 4, Instant.now());
            // no commit: a crash after the send
        }
        assertThat(cursorOf(sink)).isEqualTo(5);

        try (SinkStore.Claim claim = store.claim(sink).orElseThrow()) {
            assertThat(claim.failed("IOException: HTTP 503", Instant.now())).isEqualTo(1);
            claim.commit();
        }
        try (SinkStore.Claim claim = store.claim(sink).orElseThrow()) {
            assertThat(claim.failed("IOException: HTTP 503", Instant.now())).isEqualTo(2);
            claim.commit();
        }
        try (SinkStore.Claim claim = store.claim(sink).orElseThrow()) {
            assertThat(claim.sink().orElseThrow().consecutiveFailures()).isEqualTo(2);
            claim.delivered(9, 4, Instant.now());
            claim.commit();
        }
        try (SinkStore.Claim claim = store.claim(sink).orElseThrow()) {
            ConfiguredSink after = claim.sink().orElseThrow();
            assertThat(after.cursorSeq()).isEqualTo(9);
            assertThat(after.consecutiveFailures()).isZero();
            claim.delivered(7, 1, Instant.now());
            claim.commit();
        }
        assertThat(cursorOf(sink)).as("never moves back").isEqualTo(9);
        try (Connection db = appRole.getConnection();
                PreparedStatement st = db.prepareStatement("select delivered_count, last_error, last_delivered_at from siem_sink where id = ?")) {
            st.setObject(1, sink);
            try (var rs = st.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(4);
                assertThat(rs.getString(2)).isNull();
                assertThat(rs.getObject(3)).isNotNull();
            }
        }
    }

    @Test
    void enabledSinksAndTheHeadAreListed() throws Exception {
        UUID on = addSink(true, 0);
        UUID off = addSink(false, 0);
        long head = appendChain(UUID.randomUUID()) + 4;

        assertThat(store.enabledSinks()).containsKey(on).doesNotContainKey(off);
        assertThat(store.headSeq()).isEqualTo(head);
        try (SinkStore.Claim claim = store.claim(UUID.randomUUID()).orElseThrow()) {
            assertThat(claim.sink()).as("a deleted sink").isEmpty();
        }
    }

    /** Writes five chained events (one a statement whose payload is purged) and returns the first seq. */
    private static long appendChain(UUID session) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, System.getProperty("it.db.user", "postgres"), "")) {
            db.setAutoCommit(false);
            try (PreparedStatement s = db.prepareStatement("insert into data_session (id, identity_subject, identity_kind, protocol,"
                    + " connection_name, client_tls, started_at) values (?, 'sub', 'human', 'postgres', 'payments', false, now())")) {
                s.setObject(1, session);
                s.executeUpdate();
            }
            try (PreparedStatement s = db.prepareStatement("insert into data_statement (session_id, sequence, started_at, duration_micros,"
                    + " sql_text) values (?, ?, now(), 10, ?)")) {
                s.setObject(1, session);
                s.setLong(2, 1);
                s.setString(3, "select * from payments");
                s.addBatch();
                s.setObject(1, session);
                s.setLong(2, 2);
                s.setString(3, null);
                s.addBatch();
                s.executeBatch();
            }
            Actor alice = new Actor("alice", "human", "10.0.0.9");
            AuditEventBatch batch = new AuditEventBatch(db);
            batch.add(AT, alice, "session.started", "connection", null, "payments", "success", Map.of("sessionId", session.toString()));
            batch.add(AT, alice, "statement.executed", "connection", null, "payments", "success", statement(session, 1));
            batch.add(AT, alice, "guardrail.alert", "connection", null, "payments", "success", statement(session, 1));
            batch.add(AT, alice, "statement.executed", "connection", null, "payments", "success", statement(session, 2));
            batch.add(AT.plus(1, ChronoUnit.MILLIS), alice, "connection.updated", "connection", "c-1", "payments", "success",
                    Map.of("changedFields", List.of("port")));
            long first = batch.execute().getFirst().seq();
            db.commit();
            return first;
        }
    }

    private static Map<String, Object> statement(UUID session, long sequence) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sessionId", session.toString());
        details.put("sequence", sequence);
        details.put("rows", 3);
        details.put("sql_sha256", "a".repeat(64));
        return details;
    }

    private static UUID addSink(boolean enabled, long cursor) {
        UUID id = UUID.randomUUID();
        try (Connection db = appRole.getConnection(); PreparedStatement st = db.prepareStatement("insert into siem_sink (id, name, format,"
                + " transport, endpoint, enabled, cursor_seq, created_by, created_at, updated_at)"
                + " values (?, ?, 'ndjson', 'file', 'x.ndjson', ?, ?, 'test', now(), now())")) {
            st.setObject(1, id);
            st.setString(2, "s-" + id);
            st.setBoolean(3, enabled);
            st.setLong(4, cursor);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    private static long cursorOf(UUID sink) throws SQLException {
        try (Connection db = appRole.getConnection(); PreparedStatement st = db.prepareStatement("select cursor_seq from siem_sink where id = ?")) {
            st.setObject(1, sink);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
