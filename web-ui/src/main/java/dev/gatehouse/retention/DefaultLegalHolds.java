package dev.gatehouse.retention;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.recording.SessionNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

@ApplicationScoped
@Transactional
public class DefaultLegalHolds implements LegalHolds {

    static final int MAX_REASON = 1000;
    static final String HOLD_SET = "retention.legal_hold_set";
    static final String HOLD_RELEASED = "retention.legal_hold_released";

    private static final String LOCK_SESSION = "select connection_name, legal_hold from data_session where id = ?1 for update";
    private static final String HELD_SESSIONS = "select id::text, connection_name, coalesce(case when identity_kind = 'agent' then client_id end,"
            + " username, identity_subject), started_at, legal_hold_reason, legal_hold_by, legal_hold_at from data_session where legal_hold"
            + " order by legal_hold_at desc nulls last limit ?1";
    private static final String PLACE_SESSION_HOLD = "update data_session set legal_hold = true, legal_hold_reason = ?2, legal_hold_by = ?3,"
            + " legal_hold_at = ?4 where id = ?1";
    private static final String RELEASE_SESSION_HOLD = "update data_session set legal_hold = false, legal_hold_reason = null,"
            + " legal_hold_by = null, legal_hold_at = null where id = ?1";

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    KnownConnections connections;

    @Inject
    AuditLog audit;

    @Inject
    CurrentActor actor;

    @Override
    public boolean holdSession(UUID session, String reason) {
        return changeSession(session, true, reason);
    }

    @Override
    public boolean releaseSession(UUID session, String reason) {
        return changeSession(session, false, reason);
    }

    private boolean changeSession(UUID session, boolean hold, String reason) {
        String why = requireReason(reason);
        waitForPurgeBatches();
        List<?> rows = em.createNativeQuery(LOCK_SESSION).setParameter(1, session).getResultList();
        if (rows.isEmpty()) {
            throw new SessionNotFoundException(session);
        }
        Object[] row = (Object[]) rows.getFirst();
        String connection = (String) row[0];
        if ((Boolean) row[1] == hold) {
            return false;
        }
        Actor who = actor.get();
        if (hold) {
            em.createNativeQuery(PLACE_SESSION_HOLD).setParameter(1, session).setParameter(2, why).setParameter(3, who.name())
                    .setParameter(4, Instant.now().atOffset(ZoneOffset.UTC)).executeUpdate();
        } else {
            em.createNativeQuery(RELEASE_SESSION_HOLD).setParameter(1, session).executeUpdate();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        // "sessionId" is the key the audit purge checks: while held, this event's own details stay too.
        details.put("sessionId", session.toString());
        details.put("connection", connection);
        details.put("scope", "session");
        details.put("reason", why);
        audit.append(who, hold ? HOLD_SET : HOLD_RELEASED, "session", session.toString(), connection, "success", details);
        return true;
    }

    @Override
    public RetentionPolicy holdConnection(String connection, String reason) {
        String why = requireReason(reason);
        String name = requireConnectionName(connection);
        waitForPurgeBatches();
        RetentionPolicy policy = em.find(RetentionPolicy.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (policy != null && policy.legalHold()) {
            return policy;
        }
        Actor who = actor.get();
        Instant now = Instant.now();
        if (policy == null) {
            RetentionPolicy defaults = em.find(RetentionPolicy.class, RetentionPolicy.DEFAULT);
            policy = new RetentionPolicy(name, defaults == null ? RetentionPeriods.DEFAULT : defaults.periods(), who.name(), now);
            em.persist(policy);
        }
        policy.placeHold(why, who.name(), now);
        em.flush();
        audit.append(who, HOLD_SET, "connection", null, name, "success", Map.of("connection", name, "scope", "connection", "reason", why));
        return policy;
    }

    @Override
    public RetentionPolicy releaseConnection(String connection, String reason) {
        String why = requireReason(reason);
        String name = requireConnectionName(connection);
        waitForPurgeBatches();
        RetentionPolicy policy = em.find(RetentionPolicy.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (policy == null || !policy.legalHold()) {
            return policy == null ? em.find(RetentionPolicy.class, RetentionPolicy.DEFAULT) : policy;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("connection", name);
        details.put("scope", "connection");
        details.put("reason", why);
        details.put("heldSince", String.valueOf(policy.legalHoldAt()));
        details.put("heldBy", policy.legalHoldBy());
        policy.releaseHold();
        em.flush();
        audit.append(actor.get(), HOLD_RELEASED, "connection", null, name, "success", details);
        return policy;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<HeldSession> heldSessions(int limit) {
        List<?> rows = em.createNativeQuery(HELD_SESSIONS).setParameter(1, limit).getResultList();
        return rows.stream().map(Object[].class::cast)
                .map(r -> new HeldSession(UUID.fromString((String) r[0]), (String) r[1], (String) r[2], instant(r[3]), (String) r[4], (String) r[5], instant(r[6])))
                .toList();
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant at -> at;
            case java.time.OffsetDateTime at -> at.toInstant();
            case java.sql.Timestamp at -> at.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
        };
    }

    /** A batch in flight finishes first; every later batch then sees this change (RetentionLocks.HOLDS). */
    private void waitForPurgeBatches() {
        em.unwrap(Session.class).doWork(RetentionLocks::forHoldChange);
    }

    private String requireConnectionName(String connection) {
        if (RetentionPolicy.DEFAULT.equals(connection)) {
            throw new ValidationFailedException(List.of(new FieldError("connection",
                    "the default policy '*' cannot be held; hold a connection or a session")));
        }
        return connections.require(connection);
    }

    static String requireReason(String reason) {
        String trimmed = reason == null ? "" : reason.strip();
        if (trimmed.isEmpty()) {
            throw new ValidationFailedException(List.of(new FieldError("reason", "is required: say why (e.g. the matter or ticket)")));
        }
        if (trimmed.length() > MAX_REASON) {
            throw new ValidationFailedException(List.of(new FieldError("reason", "must be at most " + MAX_REASON + " characters")));
        }
        return trimmed;
    }
}
