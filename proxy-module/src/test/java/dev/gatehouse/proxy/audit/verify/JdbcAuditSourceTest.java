package dev.gatehouse.proxy.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.DirectoryAnchor;
import dev.gatehouse.proxy.testing.ScratchDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier against a real store: the migrations V1..V6 on a scratch database, a chain written
 * as the application writes it, then tampered with as a superuser would (triggers off), each case
 * found and named.
 */
class JdbcAuditSourceTest {

    private static final KeyPair KEYS = TestChain.keyPair();
    private static final int EVENTS = 30;
    private static ScratchDatabase store;

    private final ChainVerifier verifier = new ChainVerifier(TestChain.trusting(KEYS));
    private Connection connection;
    private List<Checkpoint> checkpoints;

    @TempDir
    Path anchorDir;

    @BeforeAll
    static void migrate() throws SQLException {
        store = ScratchDatabase.create("verify");
        store.migrate(1, 5);
        try (Connection connection = store.connect(); Statement statement = connection.createStatement()) {
            // Rows from before V6 stay unchained; the verifier counts them and says so.
            for (int i = 0; i < 3; i++) {
                statement.execute("insert into audit_event (occurred_at, actor, actor_kind, action, target_type, outcome)"
                        + " values (now(), 'alice', 'user', 'connection.created', 'connection', 'success')");
            }
        }
        store.migrate(6, 6);
    }

    @AfterAll
    static void drop() throws SQLException {
        store.close();
    }

    @BeforeEach
    void writeChain() throws SQLException {
        connection = store.connect();
        StoreChain.reset(connection);
        checkpoints = StoreChain.insert(connection, EVENTS, KEYS, 10, 20, 30);
    }

    @AfterEach
    void closeConnection() throws SQLException {
        connection.close();
    }

    @Test
    void anIntactStoreVerifiesAndCountsItsLegacyRows() throws Exception {
        VerificationReport report = verify(SeqRange.WHOLE_CHAIN);

        assertThat(report.intact()).as(report.verdict()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(EVENTS);
        assertThat(report.legacyUnchainedRows()).isEqualTo(3);
        assertThat(report.checkpointsVerified()).isEqualTo(3);
        assertThat(report.humanText()).contains("3 legacy rows from before the chain existed are not chained");
    }

    @Test
    void theAppendOnlyTriggersRejectAPlainUpdate() {
        assertThatThrownBy(() -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("update audit_event set actor = 'mallory' where seq = 7");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    }

    @Test
    void findsAModifiedField() throws Exception {
        StoreChain.tamper(connection, "update audit_event set actor = 'mallory' where seq = 7");

        assertProblem(verify(SeqRange.WHOLE_CHAIN), ProblemKind.MODIFIED_ROW, 7);
    }

    @Test
    void findsModifiedDetails() throws Exception {
        StoreChain.tamper(connection, "update audit_event set details = jsonb_set(details, '{rows}', '99') where seq = 9");

        assertProblem(verify(SeqRange.WHOLE_CHAIN), ProblemKind.MODIFIED_ROW, 9);
    }

    @Test
    void findsAModifiedStatementTextAndParameters() throws Exception {
        StoreChain.tamper(connection, "update data_statement set sql_text = 'select 1' where sequence = 12");
        assertProblem(verify(SeqRange.WHOLE_CHAIN), ProblemKind.MODIFIED_PAYLOAD, 12);

        StoreChain.reset(connection);
        StoreChain.insert(connection, EVENTS, KEYS, 10, 20, 30);
        StoreChain.tamper(connection, "update data_statement set parameters = '[]' where sequence = 15");
        assertProblem(verify(SeqRange.WHOLE_CHAIN), ProblemKind.MODIFIED_PAYLOAD, 15);
    }

    @Test
    void findsADeletedRow() throws Exception {
        StoreChain.tamper(connection, "delete from audit_event where seq = 5");

        assertProblem(verify(SeqRange.WHOLE_CHAIN), ProblemKind.DELETED_ROW, 5);
    }

    @Test
    void findsTwoRowsWhoseSeqsWereSwapped() throws Exception {
        StoreChain.tamper(connection,
                "update audit_event set seq = 1000000 where seq = 5",
                "update audit_event set seq = 5 where seq = 6",
                "update audit_event set seq = 6 where seq = 1000000");

        VerificationReport report = verify(SeqRange.WHOLE_CHAIN);

        assertProblem(report, ProblemKind.REORDERED, 5);
        assertThat(report.problem().reason()).contains("seq values were swapped");
    }

    @Test
    void findsATruncatedTailWhenTheAnchorKeptTheCheckpointTheDatabaseLost() throws Exception {
        DirectoryAnchor anchor = new DirectoryAnchor(anchorDir);
        for (Checkpoint checkpoint : checkpoints) {
            anchor.store(checkpoint);
        }
        StoreChain.tamper(connection, "delete from audit_event where seq > 25", "delete from audit_checkpoint where seq = 30");

        assertThat(verify(SeqRange.WHOLE_CHAIN).intact()).as("the database alone no longer shows the cut").isTrue();
        try (JdbcAuditSource source = JdbcAuditSource.open(connection, SeqRange.WHOLE_CHAIN, "the store")) {
            assertProblem(verifier.withAnchor(anchor.readAll()).verify(source), ProblemKind.TRUNCATED_TAIL, 26);
        }
    }

    @Test
    void findsATruncatedTailAgainstTheStoresOwnCheckpoint() throws Exception {
        StoreChain.tamper(connection, "delete from audit_event where seq > 25");

        assertProblem(verify(SeqRange.WHOLE_CHAIN), ProblemKind.TRUNCATED_TAIL, 26);
    }

    @Test
    void findsAForgedCheckpoint() throws Exception {
        StoreChain.tamper(connection, "update audit_checkpoint set signed_at = signed_at + interval '1 second' where seq = 20");

        assertProblem(verify(SeqRange.WHOLE_CHAIN), ProblemKind.FORGED_CHECKPOINT, 20);
    }

    @Test
    void purgingDetailsAndPayloadsTheWayRetentionDoesKeepsTheChainIntact() throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("select audit_purge_details('orders-db', now() + interval '1 day', 1000)");
        }
        StoreChain.tamper(connection, "update data_statement set sql_text = null, parameters = null, payload_purged_at = now()");

        VerificationReport report = verify(SeqRange.WHOLE_CHAIN);

        assertThat(report.intact()).as(report.verdict()).isTrue();
        assertThat(report.purgedDetails()).isEqualTo(EVENTS);
    }

    @Test
    void aPurgedPayloadAloneStillVerifiesAndIsCounted() throws Exception {
        StoreChain.tamper(connection, "update data_statement set sql_text = null, parameters = null, payload_purged_at = now()");

        VerificationReport report = verify(SeqRange.WHOLE_CHAIN);

        assertThat(report.intact()).as(report.verdict()).isTrue();
        assertThat(report.purgedPayloads()).isEqualTo(EVENTS / 3);
    }

    @Test
    void detailsTamperedIntoNonsenseAreReportedNotAQueryError() throws Exception {
        StoreChain.tamper(connection, "update audit_event set details = '{\"sessionId\":\"not-a-uuid\",\"sequence\":\"x\"}' where seq = 3");

        assertProblem(verify(SeqRange.WHOLE_CHAIN), ProblemKind.MODIFIED_ROW, 3);
    }

    @Test
    void verifiesARange() throws Exception {
        VerificationReport report = verify(new SeqRange(11, 20));

        assertThat(report.intact()).as(report.verdict()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(10);
        assertThat(report.firstSeq()).isEqualTo(11);
        assertThat(report.latestCheckpoint().seq()).isEqualTo(20);
        assertThat(report.notes()).anyMatch(note -> note.contains("prev_hash is not checked against seq 10"));
    }

    @Test
    void restoresTheConnectionItBorrowed() throws Exception {
        verify(SeqRange.WHOLE_CHAIN);

        assertThat(connection.getAutoCommit()).isTrue();
        assertThat(connection.isReadOnly()).isFalse();
    }

    @Test
    void measuresStreamingFromPostgres() throws Exception {
        int count = 100_000;
        StoreChain.reset(connection);
        StoreChain.insert(connection, count, KEYS, count);

        long started = System.nanoTime();
        VerificationReport report = verify(SeqRange.WHOLE_CHAIN);
        long nanos = System.nanoTime() - started;

        assertThat(report.intact()).as(report.verdict()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(count);
        System.out.printf("JdbcAuditSource: %d events read from PostgreSQL and verified in %d ms = %.0f events/s%n", count, nanos / 1_000_000,
                count / (nanos / 1e9));
    }

    private VerificationReport verify(SeqRange range) throws IOException, SQLException {
        try (JdbcAuditSource source = JdbcAuditSource.open(connection, range, "the store")) {
            return verifier.verify(source);
        }
    }

    private static void assertProblem(VerificationReport report, ProblemKind kind, long seq) {
        assertThat(report.intact()).as("expected %s, got %s", kind, report.verdict()).isFalse();
        assertThat(report.problem().kind()).as(report.verdict()).isEqualTo(kind);
        assertThat(report.problem().seq()).as(report.verdict()).isEqualTo(seq);
    }
}
