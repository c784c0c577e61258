package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.ChainedEvent;
import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.Digests;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds chains in memory the way the application writes them: details as canonical JSON hashed
 * into details_sha256, every third event a statement whose text and parameters are hashed into its
 * details, and signed checkpoints linked by prev_signature.
 */
final class TestChain {

    static final Instant START = Instant.parse("2026-11-26T03:00:00.123456Z");
    static final String KEY_ID = "k-2026-11";
    static final UUID SESSION = UUID.fromString("6f1c1e0a-3d0b-4d5e-9a51-8c1a3b2d4e5f");

    private TestChain() {
    }

    static List<AuditRecord> events(int count) {
        List<AuditRecord> records = new ArrayList<>(count);
        Iterator<AuditRecord> generated = generate(count);
        generated.forEachRemaining(records::add);
        return records;
    }

    /** The same chain as {@link #events}, computed as it is read, so a test need not hold it. */
    static Iterator<AuditRecord> generate(int count) {
        return new Iterator<>() {
            private long seq;
            private String prev = ChainedEvent.GENESIS;

            @Override
            public boolean hasNext() {
                return seq < count;
            }

            @Override
            public AuditRecord next() {
                AuditRecord record = event(++seq, prev);
                prev = record.event().hash();
                return record;
            }
        };
    }

    private static AuditRecord event(long seq, String prev) {
        boolean statement = seq % 3 == 0;
        StatementPayload payload = statement
                ? new StatementPayload("select * from orders where id = $1 -- " + seq, "[{\"index\":1,\"value\":\"" + seq + "\"}]")
                : null;
        Map<String, Object> details = new LinkedHashMap<>();
        if (statement) {
            details.put("sessionId", SESSION.toString());
            details.put("sequence", seq);
            details.put("sql_sha256", Digests.sha256Hex(payload.sql()));
            details.put("parameters_sha256", Digests.sha256Hex(payload.parameters()));
            details.put("rows", 1);
        } else {
            details.put("name", "orders-db");
            details.put("note", "line \"" + seq + "\"\n\u00e9\u4e2d");
        }
        String detailsText = CanonicalJson.write(details);
        ChainedEvent event = ChainedEvent.link(seq, START.plusSeconds(seq), statement ? "statement.executed" : "connection.updated",
                "alice", "user", "10.0.0." + (seq % 250), "connection", "c-1", "orders-db", "success", Digests.sha256Hex(detailsText), prev);
        return new AuditRecord(event, CanonicalJson.parse(detailsText), payload);
    }

    static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PublicKeys trusting(KeyPair keys) {
        return PublicKeys.of(List.of(new PublicKeys.TrustedKey(KEY_ID, keys.getPublic(), START, null)));
    }

    /** A checkpoint at every seq given, each linked to the one before. */
    static List<Checkpoint> checkpoints(List<AuditRecord> records, KeyPair keys, long... seqs) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        String previousSignature = "";
        for (long seq : seqs) {
            Checkpoint checkpoint = Checkpoint.sign(seq, records.get((int) seq - 1).event().hash(), START.plusSeconds(seq).plusMillis(500),
                    KEY_ID, previousSignature, keys.getPrivate());
            checkpoints.add(checkpoint);
            previousSignature = checkpoint.signature();
        }
        return checkpoints;
    }

    /** The same event with other field values but its stored hashes kept, as an UPDATE would leave it. */
    static AuditRecord withActor(AuditRecord record, String actor) {
        ChainedEvent e = record.event();
        return new AuditRecord(new ChainedEvent(e.seq(), e.occurredAt(), e.action(), actor, e.actorKind(), e.clientAddress(), e.targetType(),
                e.targetId(), e.targetName(), e.outcome(), e.detailsSha256(), e.prevHash(), e.hash()), record.details(), record.payload());
    }

    /** The same row under another seq, as {@code update audit_event set seq = ...} would leave it. */
    static AuditRecord withSeq(AuditRecord record, long seq) {
        ChainedEvent e = record.event();
        return new AuditRecord(new ChainedEvent(seq, e.occurredAt(), e.action(), e.actor(), e.actorKind(), e.clientAddress(), e.targetType(),
                e.targetId(), e.targetName(), e.outcome(), e.detailsSha256(), e.prevHash(), e.hash()), record.details(), record.payload());
    }

    /** Swaps the seq values of two rows and returns the list in seq order again. */
    static List<AuditRecord> swapSeqs(List<AuditRecord> records, long a, long b) {
        List<AuditRecord> swapped = new ArrayList<>(records);
        AuditRecord first = records.get((int) a - 1);
        AuditRecord second = records.get((int) b - 1);
        swapped.set((int) a - 1, withSeq(second, a));
        swapped.set((int) b - 1, withSeq(first, b));
        return swapped;
    }
}
