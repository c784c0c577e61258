package dev.gatehouse.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class JpaAuditLog implements AuditLog {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    @Override
    public AuditEvent append(Actor actor, String action, String targetType, String targetId, String targetName,
            String outcome, Map<String, ?> details) {
        // Microseconds: PostgreSQL's timestamptz precision, so a re-read row equals what was hashed later.
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        AuditEvent event = new AuditEvent(now, actor, action, targetType, targetId, targetName, outcome, AuditJson.of(details));
        em.persist(event);
        return event;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEvent> latest(String targetType, String targetId, int limit) {
        return em.createQuery("select e from AuditEvent e where e.targetType = :type and e.targetId = :id order by e.id desc",
                        AuditEvent.class)
                .setParameter("type", targetType)
                .setParameter("id", targetId)
                .setMaxResults(limit)
                .getResultList();
    }
}
