package dev.gatehouse.evidence.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.audit.ScratchStore;
import dev.gatehouse.evidence.PackEntries;
import dev.gatehouse.evidence.PackProgress;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 20,000 statements stream through a cursor into files that keep nothing. A heap bound is hard to
 * assert in a unit test; what is asserted is the cursor path (fetch size, autocommit off). Speed
 * and memory are measured by bench/evidence-pack.sh, not here. The 100,000-statement benchmark lives in bench/.
 */
class AppendixStreamingTest {

    static final int STATEMENTS = 20_000;
    static ScratchStore store;

    @BeforeAll
    static void seed() throws Exception {
        store = ScratchStore.create("gh_evidence_stream");
        try (Connection c = store.owner()) {
            c.setAutoCommit(false);
            EvidenceFixture.session(c, EvidenceFixture.id(1), "alice", null, "human", "password", "pay",
                    EvidenceFixture.at("03-02T00:00:00"), null);
            EvidenceFixture.exec(c, "insert into data_statement (session_id, sequence, started_at, duration_micros, protocol_mode, sql_text,"
                    + " parameters, command_tags, row_count, decision, masking) select '" + EvidenceFixture.id(1) + "', n,"
                    + " '2026-03-02T00:00:00Z'::timestamptz + n * interval '1 second', 100, 'extended', 'select * from t where id = ' || n,"
                    + " '[]', 'SELECT 1', 1, case when n % 100 = 0 then 'DENY' else 'ALLOW' end,"
                    + " '[{\"ruleId\":\"r\",\"rule\":\"pan\",\"column\":\"pan\",\"values\":1}]' from generate_series(1, " + STATEMENTS + ") n");
            c.commit();
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void twentyThousandStatementsStreamThroughACursor() throws Exception {
        CountingPack pack = new CountingPack();
        List<Integer> progress = new ArrayList<>();
        long started = System.nanoTime();
        Map<String, Long> counts;
        try (Connection c = store.application()) {
            counts = Appendices.writeAll(EvidenceFixture.SCOPE, Set.of("pay"), EvidenceFixture.INVENTORY, c, pack,
                    (stage, percent) -> progress.add(percent));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("evidence appendices: %d statements streamed in %d ms (%d bytes)%n", STATEMENTS, millis, pack.bytes);
        assertThat(counts.get("statements")).isEqualTo(STATEMENTS);
        assertThat(counts.get("blocked-commands")).isEqualTo(STATEMENTS / 100);
        assertThat(progress).isSorted().last().isEqualTo(100);
    }

    @Test
    void queriesUseAServerSideCursorAndRefuseAutocommit() throws SQLException {
        try (Connection c = store.application()) {
            StoreQuery query = new StoreQuery(ActivityAppendices.statements().sql(), EvidenceFixture.SCOPE, Set.of("pay"));
            try (PreparedStatement ps = query.prepare(c)) {
                assertThat(ps.getFetchSize()).isEqualTo(StoreQuery.FETCH_SIZE);
            }
            // PostgreSQL's driver only fetches in batches inside a transaction: an autocommit read would load every row.
            assertThatThrownBy(() -> new SqlRows(c, query).forEachRow(row -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("autocommit");
        }
    }

    /** Keeps only the byte count, so the test's own heap use does not grow with the pack. */
    static final class CountingPack implements PackEntries {
        long bytes;

        @Override
        public OutputStream open(String path) {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    bytes++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes += len;
                }
            };
        }
    }
}
