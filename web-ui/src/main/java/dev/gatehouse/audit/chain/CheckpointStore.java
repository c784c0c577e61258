package dev.gatehouse.audit.chain;

import dev.gatehouse.proxy.audit.Checkpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * Signs checkpoints over the committed head of the chain and keeps them in the store. One node
 * signs at a time (a transaction-scoped advisory lock), and each checkpoint signs its predecessor's
 * signature, so the checkpoints form a chain of their own.
 */
@ApplicationScoped
public class CheckpointStore {

    /** The advisory lock key of checkpoint signing ("gatechkp" in ASCII); ADR 0012. */
    static final long CHECKPOINT_LOCK = 0x6761746563686b70L;

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    AuditSigningKeys keys;

    private final Clock clock = Clock.systemUTC();

    /** The state the checkpointer decides on. */
    public record ChainHead(long seq, String hash, long checkpointSeq, Instant checkpointAt) {
    }

    /**
     * Signs a checkpoint if the head moved past the last one by {@code minEvents} events, or the last
     * one is older than {@code maxAge}, or {@code force} is set and the head moved at all.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Checkpoint> signIfDue(long minEvents, Duration maxAge, boolean force) {
        // Before the work below, not inside it: a nested unwrap-and-work releases the connection the outer work holds.
        SigningKey key = keys.active();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (Statement lock = connection.createStatement();
                    ResultSet locked = lock.executeQuery("select pg_try_advisory_xact_lock(" + CHECKPOINT_LOCK + ")")) {
                if (!locked.next() || !locked.getBoolean(1)) {
                    return Optional.<Checkpoint>empty(); // another node is signing right now
                }
            }
            Optional<Checkpoint> last = latest(connection);
            long[] head = new long[1];
            String headHash = head(connection, head);
            long lastSeq = last.map(Checkpoint::seq).orElse(0L);
            if (headHash == null || head[0] <= lastSeq) {
                return Optional.<Checkpoint>empty();
            }
            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
            boolean due = force || head[0] - lastSeq >= minEvents
                    || last.map(c -> !c.signedAt().plus(maxAge).isAfter(now)).orElse(true);
            if (!due) {
                return Optional.<Checkpoint>empty();
            }
            Checkpoint signed = Checkpoint.sign(head[0], headHash, now, key.keyId(), last.map(Checkpoint::signature).orElse(""),
                    key.privateKey());
            insert(connection, signed);
            return Optional.of(signed);
        });
    }

    /** The chain's committed head and the latest checkpoint. */
    @Transactional(Transactional.TxType.REQUIRED)
    public ChainHead head() {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            long[] seq = new long[1];
            String hash = head(connection, seq);
            Optional<Checkpoint> last = latest(connection);
            return new ChainHead(seq[0], hash, last.map(Checkpoint::seq).orElse(0L), last.map(Checkpoint::signedAt).orElse(null));
        });
    }

    /** Checkpoints with no receipt from the anchor of {@code kind} yet, oldest first. */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<Checkpoint> unanchored(String kind, int limit) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select seq, hash, signed_at, key_id, prev_signature, signature"
                    + " from audit_checkpoint c where not exists (select 1 from audit_anchor_receipt r"
                    + " where r.checkpoint_seq = c.seq and r.anchor = ?) order by seq limit ?")) {
                select.setString(1, kind);
                select.setInt(2, limit);
                return read(select);
            }
        });
    }

    /** Every checkpoint in seq order. */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<Checkpoint> all() {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select seq, hash, signed_at, key_id, prev_signature, signature from audit_checkpoint order by seq")) {
                return read(select);
            }
        });
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void receipt(long checkpointSeq, String kind, String location) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into audit_anchor_receipt"
                    + " (checkpoint_seq, anchor, location, stored_at) values (?, ?, ?, ?) on conflict do nothing")) {
                insert.setLong(1, checkpointSeq);
                insert.setString(2, kind);
                insert.setString(3, location);
                insert.setTimestamp(4, Timestamp.from(Instant.now(clock)));
                insert.executeUpdate();
            }
        });
    }

    private static Optional<Checkpoint> latest(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select seq, hash, signed_at, key_id, prev_signature, signature"
                + " from audit_checkpoint order by seq desc limit 1")) {
            return read(select).stream().findFirst();
        }
    }

    private static String head(Connection connection, long[] seq) throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet rs = select.executeQuery("select seq, hash from audit_event where seq is not null order by seq desc limit 1")) {
            if (!rs.next()) {
                return null;
            }
            seq[0] = rs.getLong(1);
            return rs.getString(2);
        }
    }

    private static void insert(Connection connection, Checkpoint c) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_checkpoint"
                + " (seq, hash, signed_at, key_id, prev_signature, signature) values (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, c.seq());
            insert.setString(2, c.hash());
            insert.setTimestamp(3, Timestamp.from(c.signedAt()));
            insert.setString(4, c.keyId());
            insert.setString(5, c.previousSignature());
            insert.setString(6, c.signature());
            insert.executeUpdate();
        }
    }

    private static List<Checkpoint> read(PreparedStatement select) throws SQLException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                checkpoints.add(new Checkpoint(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getString(5), rs.getString(6)));
            }
        }
        return checkpoints;
    }
}
