package dev.gatehouse.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        AuditEvent event = new AuditEvent(now, actor, action, targetType, targetId, targetName, outcome, toJson(details));
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

    /** Sorted keys give one stable text per event, which the hash chain will rely on. */
    static String toJson(Map<String, ?> details) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        new TreeMap<>(details).forEach((key, value) -> {
            if (value == null) {
                json.addNull(key);
            } else if (value instanceof Collection<?> values) {
                var array = Json.createArrayBuilder();
                values.forEach(v -> array.add(String.valueOf(v)));
                json.add(key, array);
            } else if (value instanceof Boolean flag) {
                json.add(key, flag);
            } else if (value instanceof Number number) {
                json.add(key, new java.math.BigDecimal(number.toString()));
            } else {
                json.add(key, String.valueOf(value));
            }
        });
        return json.build().toString();
    }
}
