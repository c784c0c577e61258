package dev.gatehouse.proxy.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.audit.ChainedEvent;
import dev.gatehouse.proxy.audit.Checkpoint;
import java.io.IOException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private static final KeyPair KEYS = TestChain.keyPair();
    private final ChainVerifier verifier = new ChainVerifier(TestChain.trusting(KEYS));
    private final List<AuditRecord> chain = TestChain.events(20);
    private final List<Checkpoint> checkpoints = TestChain.checkpoints(chain, KEYS, 5, 10, 15);

    @Test
    void anIntactChainVerifiesWithItsCheckpoints() throws IOException {
        VerificationReport report = verify(chain, checkpoints);

        assertThat(report.intact()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(20);
        assertThat(report.firstSeq()).isEqualTo(1);
        assertThat(report.lastSeq()).isEqualTo(20);
        assertThat(report.checkpointsVerified()).isEqualTo(3);
        assertThat(report.latestCheckpoint().seq()).isEqualTo(15);
        assertThat(report.verdict()).isEqualTo("INTACT: 20 events (seq 1..20), 3 checkpoints verified, latest checkpoint seq 15 signed "
                + ChainedEvent.formatTime(checkpoints.get(2).signedAt()) + " by key " + TestChain.KEY_ID);
        assertThat(report.humanText()).contains("seq 16..20 are after the latest checkpoint");
    }

    @Test
    void purgedDetailsAndPurgedPayloadsStillVerify() throws IOException {
        List<AuditRecord> purged = new ArrayList<>(chain);
        AuditRecord statement = purged.get(5);
        purged.set(5, new AuditRecord(statement.event(), null, null));
        AuditRecord other = purged.get(8);
        purged.set(8, new AuditRecord(other.event(), other.details(), new StatementPayload(null, null)));

        VerificationReport report = verify(purged, checkpoints);

        assertThat(report.intact()).as(report.verdict()).isTrue();
        assertThat(report.purgedDetails()).isEqualTo(1);
        assertThat(report.purgedPayloads()).isEqualTo(1);
    }

    @Test
    void aChangedFieldIsAModifiedRow() throws IOException {
        List<AuditRecord> tampered = new ArrayList<>(chain);
        tampered.set(6, TestChain.withActor(chain.get(6), "mallory"));

        assertProblem(verify(tampered, checkpoints), ProblemKind.MODIFIED_ROW, 7, "stored hash of seq 7 does not match its fields");
    }

    @Test
    void changedDetailsAreAModifiedRow() throws IOException {
        List<AuditRecord> tampered = new ArrayList<>(chain);
        Map<String, Object> details = new LinkedHashMap<>(castMap(chain.get(3).details()));
        details.put("note", "nothing happened");
        tampered.set(3, new AuditRecord(chain.get(3).event(), details, null));

        assertProblem(verify(tampered, checkpoints), ProblemKind.MODIFIED_ROW, 4, "details of seq 4 no longer give its details_sha256");
    }

    @Test
    void aRowRewrittenAndRehashedIsBlamedOnItself() throws IOException {
        List<AuditRecord> tampered = new ArrayList<>(chain);
        ChainedEvent original = chain.get(6).event();
        ChainedEvent rehashed = ChainedEvent.link(7, original.occurredAt(), original.action(), "mallory", original.actorKind(),
                original.clientAddress(), original.targetType(), original.targetId(), original.targetName(), original.outcome(),
                original.detailsSha256(), original.prevHash());
        tampered.set(6, new AuditRecord(rehashed, chain.get(6).details(), null));

        assertProblem(verify(tampered, checkpoints), ProblemKind.MODIFIED_ROW, 7, "seq 8 does not link to the stored hash of seq 7");
    }

    @Test
    void aChangedStatementTextOrParameterIsAModifiedPayload() throws IOException {
        List<AuditRecord> text = new ArrayList<>(chain);
        AuditRecord statement = chain.get(8);
        text.set(8, new AuditRecord(statement.event(), statement.details(), new StatementPayload("select 1", statement.payload().parameters())));
        assertProblem(verify(text, checkpoints), ProblemKind.MODIFIED_PAYLOAD, 9, "recorded text of the statement behind seq 9");

        List<AuditRecord> parameters = new ArrayList<>(chain);
        parameters.set(8, new AuditRecord(statement.event(), statement.details(), new StatementPayload(statement.payload().sql(), "[]")));
        assertProblem(verify(parameters, checkpoints), ProblemKind.MODIFIED_PAYLOAD, 9, "recorded parameters of the statement behind seq 9");
    }

    @Test
    void aMissingSeqIsADeletedRow() throws IOException {
        List<AuditRecord> tampered = new ArrayList<>(chain);
        tampered.remove(4);
        tampered.remove(4);

        assertProblem(verify(tampered, checkpoints), ProblemKind.DELETED_ROW, 5, "seq 5..6 (2 rows) are missing");
    }

    @Test
    void aDeletionHiddenByRenumberingIsStillADeletedRow() throws IOException {
        List<AuditRecord> tampered = new ArrayList<>();
        for (AuditRecord record : chain) {
            if (record.seq() < 5) {
                tampered.add(record);
            } else if (record.seq() > 5) {
                tampered.add(TestChain.withSeq(record, record.seq() - 1));
            }
        }

        assertProblem(verify(tampered, List.of()), ProblemKind.DELETED_ROW, 5, "seq 5 holds the row written as seq 6: 1 row was deleted");
    }

    @Test
    void swappingTheSeqsOfTwoRowsIsReportedAsReordered() throws IOException {
        assertProblem(verify(TestChain.swapSeqs(chain, 5, 6), checkpoints), ProblemKind.REORDERED, 5, "seq values were swapped");
        assertProblem(verify(TestChain.swapSeqs(chain, 7, 12), checkpoints), ProblemKind.REORDERED, 7, "seq values were swapped");
        assertProblem(verify(TestChain.swapSeqs(chain, 19, 20), List.of()), ProblemKind.REORDERED, 19, "seq values were swapped");
    }

    @Test
    void rowsOutOfOrderInTheSourceAreReordered() throws IOException {
        List<AuditRecord> tampered = new ArrayList<>(chain);
        tampered.set(4, chain.get(5));
        tampered.set(5, chain.get(4));

        assertProblem(verify(tampered, checkpoints), ProblemKind.REORDERED, 5, "seq 5 comes after seq 6 in the source");
    }

    @Test
    void aRowMovedToTheEndIsReorderedNotDeleted() throws IOException {
        List<AuditRecord> tampered = new ArrayList<>(chain);
        AuditRecord moved = tampered.remove(4);
        tampered.add(TestChain.withSeq(moved, 1_000_000));

        assertProblem(verify(tampered, List.of()), ProblemKind.REORDERED, 5, "the row written as seq 5 now sits at seq 1000000");
    }

    @Test
    void aRowWhoseSeqAloneWasEditedIsAModifiedRow() throws IOException {
        List<AuditRecord> tampered = new ArrayList<>(chain);
        tampered.remove(4);
        tampered.add(4, TestChain.withSeq(chain.get(4), 7));
        tampered.remove(5);

        assertProblem(verify(tampered, List.of()), ProblemKind.MODIFIED_ROW, 5, "the row written as seq 5 now claims seq 7");
    }

    @Test
    void rowsMissingAfterTheLatestCheckpointAreATruncatedTail() throws IOException {
        List<AuditRecord> cut = chain.subList(0, 12);

        assertProblem(verify(cut, checkpoints), ProblemKind.TRUNCATED_TAIL, 13, "the chain ends at seq 12 but checkpoint 15");
    }

    @Test
    void aTailCutTogetherWithItsCheckpointsShowsAgainstTheAnchor() throws IOException {
        VerificationReport report = verifier.withAnchor(checkpoints).verify(new ListAuditSource(chain.subList(0, 12), checkpoints.subList(0, 2)));

        assertProblem(report, ProblemKind.TRUNCATED_TAIL, 13, "checkpoint 15");
    }

    @Test
    void aConsistentRewriteContradictsTheNextCheckpoint() throws IOException {
        List<AuditRecord> rewritten = new ArrayList<>(chain.subList(0, 6));
        String prev = rewritten.getLast().event().hash();
        for (AuditRecord record : chain.subList(6, 20)) {
            ChainedEvent e = record.event();
            ChainedEvent relinked = ChainedEvent.link(e.seq(), e.occurredAt(), e.action(), e.seq() == 8 ? "mallory" : e.actor(), e.actorKind(),
                    e.clientAddress(), e.targetType(), e.targetId(), e.targetName(), e.outcome(), e.detailsSha256(), prev);
            rewritten.add(new AuditRecord(relinked, record.details(), record.payload()));
            prev = relinked.hash();
        }

        assertProblem(verify(rewritten, checkpoints), ProblemKind.MODIFIED_ROW, 6, "rows from seq 6 to 10 were rewritten after signing");
    }

    @Test
    void aBadSignatureIsAForgedCheckpoint() throws IOException {
        List<Checkpoint> forged = new ArrayList<>(checkpoints);
        Checkpoint genuine = checkpoints.get(1);
        forged.set(1, new Checkpoint(genuine.seq(), genuine.hash(), genuine.signedAt().plusSeconds(1), genuine.keyId(),
                genuine.previousSignature(), genuine.signature()));

        assertProblem(verify(chain, forged), ProblemKind.FORGED_CHECKPOINT, 10, "no trusted key verifies");
    }

    @Test
    void anUnknownKeyIsAForgedCheckpoint() throws IOException {
        KeyPair other = TestChain.keyPair();
        Checkpoint foreign = Checkpoint.sign(10, chain.get(9).event().hash(), TestChain.START, "k-other", checkpoints.get(0).signature(),
                other.getPrivate());
        List<Checkpoint> forged = List.of(checkpoints.get(0), foreign);

        assertProblem(verify(chain, forged), ProblemKind.FORGED_CHECKPOINT, 10, "signed by key k-other, which is not among the trusted keys");
    }

    @Test
    void aRemovedCheckpointBreaksTheSignatureLink() throws IOException {
        assertProblem(verify(chain, List.of(checkpoints.get(0), checkpoints.get(2))), ProblemKind.FORGED_CHECKPOINT, 15,
                "does not link to checkpoint 5");
        assertProblem(verify(chain, checkpoints.subList(1, 3)), ProblemKind.FORGED_CHECKPOINT, 10,
                "links to an earlier checkpoint: that one was removed");
    }

    @Test
    void aCheckpointMissingOrReplacedInTheSourceDisagreesWithTheAnchor() throws IOException {
        List<Checkpoint> withoutTen = List.of(checkpoints.get(0), checkpoints.get(2));
        assertProblem(verifier.withAnchor(checkpoints).verify(new ListAuditSource(chain, withoutTen)), ProblemKind.FORGED_CHECKPOINT, 10,
                "checkpoint 10 is in the anchor but missing from the test chain");

        Checkpoint resigned = Checkpoint.sign(10, chain.get(9).event().hash(), TestChain.START.plusSeconds(99), TestChain.KEY_ID,
                checkpoints.get(0).signature(), KEYS.getPrivate());
        List<Checkpoint> replaced = List.of(checkpoints.get(0), resigned, checkpoints.get(2));
        assertProblem(verifier.withAnchor(checkpoints).verify(new ListAuditSource(chain, replaced)), ProblemKind.FORGED_CHECKPOINT, 10,
                "differs from the anchor's copy");
    }

    @Test
    void theFirstProblemBySeqWinsOverALaterForgedCheckpoint() throws IOException {
        List<AuditRecord> tampered = new ArrayList<>(chain);
        tampered.set(2, TestChain.withActor(chain.get(2), "mallory"));

        assertProblem(verify(tampered, List.of(checkpoints.get(0), checkpoints.get(2))), ProblemKind.MODIFIED_ROW, 3, "seq 3");
    }

    @Test
    void aGapStartingBeforeAForgedCheckpointIsReportedFirst() throws IOException {
        List<AuditRecord> tampered = new ArrayList<>(chain.subList(0, 5));
        tampered.addAll(chain.subList(16, 20));

        assertProblem(verify(tampered, List.of(checkpoints.get(0), checkpoints.get(2))), ProblemKind.DELETED_ROW, 6, "seq 6..16 (11 rows) are missing");
    }

    @Test
    void aRangeIgnoresOutsideCheckpointsAndSaysItsFirstLinkIsUnchecked() throws IOException {
        ListAuditSource source = new ListAuditSource(chain, checkpoints).inRange(new SeqRange(8, 20));

        VerificationReport report = verifier.verify(source);

        assertThat(report.intact()).as(report.verdict()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(13);
        assertThat(report.checkpointsVerified()).isEqualTo(2);
        assertThat(report.notes()).anyMatch(n -> n.contains("its first row's prev_hash is not checked against seq 7"))
                .anyMatch(n -> n.contains("checkpoint 10 is the first in the range"));
    }

    @Test
    void aRangeStillFindsADeletedFirstRow() throws IOException {
        ListAuditSource source = new ListAuditSource(chain.subList(8, 20), checkpoints).inRange(new SeqRange(8, 20));

        assertProblem(verifier.verify(source), ProblemKind.DELETED_ROW, 8, "seq 8 is missing");
    }

    @Test
    void anUnreadableRecordIsAModifiedRowAtTheSeqExpected() throws IOException {
        VerificationReport report = verifier.verify(new StreamedAuditSource("a damaged source", () -> unreadableAfter(chain.subList(0, 3))));

        assertProblem(report, ProblemKind.MODIFIED_ROW, 4, "the record expected to hold seq 4 cannot be read: bad line");
    }

    @Test
    void aBundleCutBeforeItsDeclaredEndIsATruncatedTail() throws IOException {
        ListAuditSource source = new ListAuditSource(chain.subList(0, 18), List.of(), SeqRange.WHOLE_CHAIN, OptionalLong.empty(),
                OptionalLong.of(20));

        assertProblem(verifier.verify(source), ProblemKind.TRUNCATED_TAIL, 19, "its source declares seq 20 as the last");
    }

    @Test
    void pemKeysWithoutIdsVerifyAnyCheckpointTheyCan() throws IOException {
        PublicKeys pem = PublicKeys.of(List.of(new PublicKeys.TrustedKey(null, TestChain.keyPair().getPublic(), null, null),
                new PublicKeys.TrustedKey(null, KEYS.getPublic(), null, null)));

        VerificationReport report = new ChainVerifier(pem).verify(new ListAuditSource(chain, checkpoints));

        assertThat(report.intact()).as(report.verdict()).isTrue();
        assertThat(report.checkpointsVerified()).isEqualTo(3);
    }

    /** Not a timed assertion (the machine may be busy): the rate goes to the test log. */
    @Test
    void measuresItsSpeed() throws IOException {
        int count = 200_000;
        List<AuditRecord> big = TestChain.events(count);
        List<Checkpoint> bigCheckpoints = TestChain.checkpoints(big, KEYS, 100_000, 200_000);
        for (String run : List.of("first (cold)", "second (warm)")) {
            long started = System.nanoTime();
            VerificationReport report = verify(big, bigCheckpoints);
            long nanos = System.nanoTime() - started;
            assertThat(report.intact()).as(report.verdict()).isTrue();
            System.out.printf("ChainVerifier %s run: %d events in %d ms = %.0f events/s (single thread, in memory, one statement in three)%n",
                    run, count, nanos / 1_000_000, count / (nanos / 1e9));
        }
    }

    private VerificationReport verify(List<AuditRecord> records, List<Checkpoint> cps) throws IOException {
        return verifier.verify(new ListAuditSource(records, cps));
    }

    private static void assertProblem(VerificationReport report, ProblemKind kind, long seq, String reasonPart) {
        assertThat(report.intact()).as("expected %s, got %s", kind, report.verdict()).isFalse();
        assertThat(report.problem().kind()).as(report.verdict()).isEqualTo(kind);
        assertThat(report.problem().seq()).as(report.verdict()).isEqualTo(seq);
        assertThat(report.problem().reason()).contains(reasonPart);
        assertThat(report.verdict()).startsWith("BROKEN at seq " + seq + ": " + kind + " \u2014 ");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object details) {
        return (Map<String, Object>) details;
    }

    /** Rows that read fine, then one that cannot be read, as a damaged bundle line is. */
    private static Iterator<AuditRecord> unreadableAfter(List<AuditRecord> readable) {
        Iterator<AuditRecord> rows = readable.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public AuditRecord next() {
                if (rows.hasNext()) {
                    return rows.next();
                }
                throw new UnreadableRecordException("bad line", null);
            }
        };
    }
}
