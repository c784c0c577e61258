package dev.gatehouse.evidence.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditEventBatch;
import dev.gatehouse.audit.ScratchStore;
import dev.gatehouse.evidence.PackScope;
import dev.gatehouse.evidence.report.ChainFacts;
import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.ChainedEvent;
import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.pack.PackProblem;
import dev.gatehouse.proxy.audit.pack.PackVerification;
import dev.gatehouse.proxy.audit.pack.PackVerifier;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit part of a pack against a real store (the migrations, the application role, chained rows
 * written as the gateway writes them), packed by SignedPackWriter and checked by the examiner's
 * PackVerifier. The audit key is a test key: the gateway's is sealed by the master key in the container.
 */
class PeriodChainEvidenceTest {

    private static final Instant DAY_1 = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant DAY_3 = Instant.parse("2026-11-03T09:00:00Z");
    /** Day 2 only: seq 4..7. */
    private static final PackScope DAY_2_SCOPE = new PackScope(Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-03T00:00:00Z"),
            List.of(), List.of(), Set.of());

    private final TestSigner signer = new TestSigner();
    private ScratchStore store;
    private List<ChainedEvent> chain;

    @TempDir
    Path temp;

    @BeforeEach
    void chainOfTenEventsOverThreeDaysWithCheckpointsAt2And5And9() throws SQLException {
        store = ScratchStore.create("gh_evidence_chain");
        try (Connection c = store.application()) {
            c.setAutoCommit(false);
            AuditEventBatch batch = new AuditEventBatch(c);
            for (int i = 0; i < 10; i++) {
                Instant day = i < 3 ? DAY_1 : i < 7 ? DAY_2 : DAY_3;
                batch.add(day.plusSeconds(i), new Actor("dora", "human", "10.0.0.9"), "connection.updated", "connection", "c-1", "orders-db",
                        "success", Map.of("i", i));
            }
            chain = batch.execute();
            c.commit();
            String previous = "";
            for (long seq : new long[] {2, 5, 9}) {
                Checkpoint checkpoint = Checkpoint.sign(seq, chain.get((int) seq - 1).hash(), DAY_3.plusSeconds(60 + seq), TestSigner.KEY_ID,
                        previous, signer.keys().getPrivate());
                insert(c, checkpoint);
                previous = checkpoint.signature();
            }
            try (PreparedStatement receipt = c.prepareStatement("insert into audit_anchor_receipt values (5, 'directory', '/anchor/5.json', ?)")) {
                receipt.setTimestamp(1, Timestamp.from(DAY_3.plusSeconds(90)));
                receipt.executeUpdate();
            }
            c.commit();
        }
    }

    @AfterEach
    void drop() throws SQLException {
        store.close();
    }

    @Test
    void thePeriodsRangeIsVerifiedAndPackedSoTheExaminerVerifiesItToo() throws Exception {
        Path pack = temp.resolve("evidence-p-1.zip");
        ChainFacts facts = writePack(pack);

        assertThat(facts).isEqualTo(new ChainFacts(4, 7, true, 4, 1, null, null, 2, 1, List.of(TestSigner.KEY_ID)));
        PackVerification examined = new PackVerifier(signer.published()).verify(pack);
        assertThat(examined.intact()).as(examined.humanText()).isTrue();
        assertThat(examined.chain().eventsChecked()).isEqualTo(4);
        assertThat(examined.chain().firstSeq()).isEqualTo(4);

        Map<?, ?> checkpoints = json(pack, PeriodChainEvidence.CHECKPOINTS);
        List<?> listed = (List<?>) checkpoints.get("checkpoints");
        assertThat(listed).hasSize(2);
        Map<?, ?> inRange = (Map<?, ?>) listed.get(0);
        assertThat(Checkpoint.fromJson(CanonicalJson.write(inRange.get("checkpoint"))).verifiedBy(signer.keys().getPublic())).isTrue();
        assertThat(((Map<?, ?>) ((List<?>) inRange.get("anchor_receipts")).get(0)).get("location")).isEqualTo("/anchor/5.json");
        assertThat(((Map<?, ?>) listed.get(1)).get("after_range")).isEqualTo(true);

        Map<?, ?> verification = json(pack, PeriodChainEvidence.VERIFICATION);
        assertThat(verification.get("intact")).isEqualTo(true);
        assertThat(((Map<?, ?>) verification.get("period")).get("from")).isEqualTo("2026-11-02T00:00:00Z");
        assertThat(((Map<?, ?>) verification.get("seq_range")).get("to").toString()).isEqualTo("7");
        assertThat(PublicKeys.parse(SignedPackWriterTest.entry(pack, PeriodChainEvidence.PUBLIC_KEY)).keys())
                .extracting(PublicKeys.TrustedKey::keyId).containsExactly(TestSigner.KEY_ID);
    }

    @Test
    void aRowRewrittenInThePeriodIsReportedByTheGatewayAndByTheExaminer() throws Exception {
        try (Connection owner = store.owner(); Statement st = owner.createStatement()) {
            // A superuser switching the append-only trigger off: what the chain exists to expose.
            st.execute("set session_replication_role = replica");
            st.executeUpdate("update audit_event set actor = 'mallory' where seq = 6");
        }
        Path pack = temp.resolve("evidence-p-2.zip");
        ChainFacts facts = writePack(pack);

        assertThat(facts.intact()).isFalse();
        assertThat(facts.problemKind()).isEqualTo("MODIFIED_ROW");
        assertThat(facts.problemSeq()).isEqualTo(6L);
        PackVerification examined = new PackVerifier(signer.published()).verify(pack);
        assertThat(examined.problems()).extracting(PackProblem::path, PackProblem::kind)
                .containsExactly(tuple(PackVerifier.CHAIN_BUNDLE, PackProblem.Kind.BROKEN_CHAIN));
        assertThat(examined.problems().get(0).sentence()).startsWith("BROKEN at seq 6: MODIFIED_ROW");
    }

    @Test
    void aPeriodWithoutEventsStillShipsTheKeyAndSaysWhy() throws Exception {
        PackScope quiet = new PackScope(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-02T00:00:00Z"), List.of(), List.of(),
                Set.of());
        Path pack = temp.resolve("evidence-p-3.zip");
        ChainFacts facts;
        try (OutputStream out = Files.newOutputStream(pack); SignedPackWriter writer = new SignedPackWriter(out);
                Connection c = store.application()) {
            facts = new PeriodChainEvidence(c, signer.published(), List.of(), DAY_3).write(quiet, writer);
            writer.finish(header(quiet), signer);
        }

        assertThat(facts.emptyPeriod()).isTrue();
        assertThat(facts.intact()).isTrue();
        assertThat(facts.keyIds()).containsExactly(TestSigner.KEY_ID);
        assertThat((String) json(pack, PeriodChainEvidence.VERIFICATION).get("note")).contains("no chained audit event occurred in the period");
        PackVerification examined = new PackVerifier(signer.published()).verify(pack);
        assertThat(examined.intact()).isTrue();
        assertThat(examined.chain()).isNull();
    }

    private ChainFacts writePack(Path pack) throws IOException, SQLException {
        try (OutputStream out = Files.newOutputStream(pack); SignedPackWriter writer = new SignedPackWriter(out);
                Connection c = store.application()) {
            ChainFacts facts = new PeriodChainEvidence(c, signer.published(), List.of(), DAY_3).write(DAY_2_SCOPE, writer);
            writer.finish(header(DAY_2_SCOPE), signer);
            return facts;
        }
    }

    private static PackHeader header(PackScope scope) {
        return new PackHeader("p-1", DAY_3.plusSeconds(3600), "dora", "gatehouse test", scope, TestSigner.KEY_ID);
    }

    private static Map<?, ?> json(Path pack, String path) throws IOException {
        return (Map<?, ?>) CanonicalJson.parse(SignedPackWriterTest.entry(pack, path));
    }

    private static void insert(Connection c, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into audit_checkpoint (seq, hash, signed_at, key_id, prev_signature, signature) values (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, checkpoint.seq());
            insert.setString(2, checkpoint.hash());
            insert.setTimestamp(3, Timestamp.from(checkpoint.signedAt()));
            insert.setString(4, checkpoint.keyId());
            insert.setString(5, checkpoint.previousSignature());
            insert.setString(6, checkpoint.signature());
            insert.executeUpdate();
        }
    }
}
