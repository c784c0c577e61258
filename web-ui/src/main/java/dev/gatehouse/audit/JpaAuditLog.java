package dev.gatehouse.audit;

import dev.gatehouse.proxy.audit.ChainedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class JpaAuditLog implements AuditLog {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    @Override
    public ChainedEvent append(Actor actor, String action, String targetType, String targetId, String targetName,
            String outcome, Map<String, ?> details) {
        PendingAuditRow row = new PendingAuditRow(Instant.now(clock), actor, action, targetType, targetId, targetName, outcome,
                AuditJson.of(details));
        // JDBC on the transaction's own connection: the chain lock and head read must share it.
        return em.unwrap(Session.class).doReturningWork(connection -> AuditChainAppender.append(connection, List.of(row)).getFirst());
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
