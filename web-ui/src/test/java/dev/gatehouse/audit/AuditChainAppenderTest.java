package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.ChainedEvent;
import dev.gatehouse.proxy.audit.Digests;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chain as the store holds it: real PostgreSQL, the real migrations, the application's role. */
class AuditChainAppenderTest {

    static ScratchStore store;

    @BeforeAll
    static void create() throws SQLException {
        store = ScratchStore.create("gh_chain_test");
    }

    @AfterAll
    static void drop() throws SQLException {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void concurrentWritersOnSeparateConnectionsBuildOneUnforkedChainThatRecomputes() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                try (Connection c = store.application()) {
                    c.setAutoCommit(false);
                    for (int round = 0; round < 25; round++) {
                        AuditEventBatch batch = new AuditEventBatch(c);
                        for (int i = 0; i < 8; i++) {
                            batch.add(Instant.now(), new Actor("writer-" + writer, "agent", "10.0.0." + writer), "test.event", "test",
                                    null, "chain", "success", Map.of("round", round, "i", i, "text", "quote \" and \\ and é"));
                        }
                        batch.execute();
                        c.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        writers.shutdown();

        try (Connection c = store.owner(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select seq, occurred_at, action, actor, actor_kind, client_address, target_type, target_id,"
                        + " target_name, outcome, details::text, details_sha256, prev_hash, hash from audit_event where seq is not null"
                        + " order by seq")) {
            long expected = 1;
            long written = 0;
            String prev = ChainedEvent.GENESIS;
            while (rs.next()) {
                ChainedEvent e = new ChainedEvent(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(12), rs.getString(13), rs.getString(14));
                assertThat(e.seq()).as("gap-free").isEqualTo(expected++);
                assertThat(e.prevHash()).as("links to the row before, seq %d", e.seq()).isEqualTo(prev);
                assertThat(e.recomputedHash()).as("hash recomputes from the stored row, seq %d", e.seq()).isEqualTo(e.hash());
                if (rs.getString(11) != null) { // null: another test purged it, which the chain allows
                    assertThat(Digests.sha256Hex(CanonicalJson.write(CanonicalJson.parse(rs.getString(11)))))
                            .as("details re-read from jsonb hash to details_sha256").isEqualTo(e.detailsSha256());
                    written++;
                }
                prev = e.hash();
            }
            assertThat(written).isGreaterThanOrEqualTo(4 * 25 * 8);
        }
    }

    @Test
    void theApplicationRoleCanOnlyInsertAndReadTheAuditTable() throws SQLException {
        try (Connection c = store.application(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("update audit_event set actor = 'mallory'"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.executeUpdate("delete from audit_event")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.executeUpdate("truncate audit_event")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.executeUpdate("delete from audit_checkpoint")).hasMessageContaining("permission denied");
        }
    }

    @Test
    void evenTheOwnerMeetsTheTriggerAndAnUnchainedInsertIsRefused() throws SQLException {
        try (Connection c = store.owner(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("update audit_event set actor = 'mallory'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.executeUpdate("insert into audit_event (occurred_at, actor, actor_kind, action, target_type,"
                    + " outcome, details) values (now(), 'x', 'human', 'forged', 'x', 'success', '{}')"))
                    .hasMessageContaining("audit_event_chained");
        }
    }

    @Test
    void theNarrowPurgePathClearsOnlyDetailsAndKeepsTheHashes() throws SQLException {
        try (Connection c = store.application()) {
            c.setAutoCommit(false);
            AuditEventBatch batch = new AuditEventBatch(c);
            batch.add(Instant.parse("2020-01-01T00:00:00Z"), Actor.SYSTEM, "old.event", "endpoint", null, "purge-me", "success",
                    Map.of("secretish", "payload"));
            ChainedEvent written = batch.execute().getFirst();
            c.commit();
            try (PreparedStatement purge = c.prepareStatement("select audit_purge_details(null, ?::timestamptz, 1000)")) {
                purge.setString(1, "2021-01-01T00:00:00Z");
                purge.executeQuery();
            }
            c.commit();
            try (PreparedStatement read = c.prepareStatement("select details, hash, details_sha256 from audit_event where seq = ?")) {
                read.setLong(1, written.seq());
                try (ResultSet rs = read.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isNull();
                    assertThat(rs.getString(2)).isEqualTo(written.hash());
                    assertThat(rs.getString(3)).isEqualTo(written.detailsSha256());
                }
            }
        }
    }
}
