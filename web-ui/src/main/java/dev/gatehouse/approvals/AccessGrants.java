package dev.gatehouse.approvals;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Just-in-time access grants (table access_grant, V11), issued by approved access requests and
 * revoked by admins; and which connections require one. The data path reads them only through
 * {@link GrantsCache}.
 */
@ApplicationScoped
@Transactional
public class AccessGrants {

    /** A grant that is live now. */
    public record LiveGrant(String requestId, String requester, String connection, Instant validUntil) {
    }

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    AuditLog audit;

    public void issued(String requestId, String requester, String connection, String reason, Instant from, Instant until) {
        em.createNativeQuery("""
                insert into access_grant (request_id, requester, connection_name, reason, valid_from, valid_until)
                values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (request_id) do nothing""")
                .setParameter(1, requestId).setParameter(2, requester).setParameter(3, connection)
                .setParameter(4, reason == null ? "" : reason).setParameter(5, from).setParameter(6, until).executeUpdate();
    }

    /** @return whether a live grant was revoked (false: unknown, already revoked or over) */
    public boolean revoke(String requestId, Actor actor) {
        int revoked = em.createNativeQuery("""
                update access_grant set revoked_at = ?2, revoked_by = ?3
                where request_id = ?1 and revoked_at is null and valid_until > ?2""")
                .setParameter(1, requestId).setParameter(2, Instant.now()).setParameter(3, actor.name()).executeUpdate();
        if (revoked > 0) {
            audit.append(actor, "approval.grant-revoked", ApprovalAuditTrail.TARGET_TYPE, requestId, null, "success", Map.of());
        }
        return revoked > 0;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<LiveGrant> live(Instant now) {
        List<?> rows = em.createNativeQuery("""
                select request_id, requester, connection_name, valid_until from access_grant
                where revoked_at is null and valid_from <= ?1 and valid_until > ?1""").setParameter(1, now).getResultList();
        return rows.stream().map(row -> (Object[]) row)
                .map(row -> new LiveGrant((String) row[0], (String) row[1], (String) row[2], instant(row[3]))).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean wasRevoked(String requestId) {
        return !em.createNativeQuery("select 1 from access_grant where request_id = ?1 and revoked_at is not null")
                .setParameter(1, requestId).getResultList().isEmpty();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<String> connectionsRequiringJit() {
        Set<String> names = new HashSet<>();
        em.createNativeQuery("select name from connection where requires_jit").getResultList().forEach(name -> names.add((String) name));
        return names;
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case java.sql.Timestamp t -> t.toInstant();
            case java.time.OffsetDateTime o -> o.toInstant();
            default -> Instant.parse(value.toString());
        };
    }
}
