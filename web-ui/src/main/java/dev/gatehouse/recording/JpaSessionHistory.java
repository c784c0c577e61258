package dev.gatehouse.recording;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class JpaSessionHistory implements SessionHistory {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Override
    public ResultPage<SessionSummary> sessions(SessionFilter filter, int page, int size) {
        Where where = Where.of(filter);
        TypedQuery<RecordedSession> select = em.createQuery(
                "select s from RecordedSession s" + where.clause() + " order by s.startedAt desc, s.id", RecordedSession.class);
        where.parameters().forEach(select::setParameter);
        List<RecordedSession> sessions = select.setFirstResult(page * size).setMaxResults(size).getResultList();
        return new ResultPage<>(withCounts(sessions), page, size, count(filter));
    }

    @Override
    public long count(SessionFilter filter) {
        Where where = Where.of(filter);
        TypedQuery<Long> count = em.createQuery("select count(s) from RecordedSession s" + where.clause(), Long.class);
        where.parameters().forEach(count::setParameter);
        return count.getSingleResult();
    }

    @Override
    public SessionSummary session(UUID id) {
        RecordedSession session = em.find(RecordedSession.class, id);
        if (session == null) {
            throw new SessionNotFoundException(id);
        }
        return withCounts(List.of(session)).get(0);
    }

    @Override
    public ResultPage<RecordedStatement> statements(UUID sessionId, int page, int size) {
        if (em.find(RecordedSession.class, sessionId) == null) {
            throw new SessionNotFoundException(sessionId);
        }
        List<RecordedStatement> statements = em.createQuery(
                        "select t from RecordedStatement t where t.sessionId = :session order by t.sequence", RecordedStatement.class)
                .setParameter("session", sessionId)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList();
        // Rows, not the count the data path reported: the pages are over rows.
        long total = recordedCounts(List.of(sessionId)).getOrDefault(sessionId, 0L);
        return new ResultPage<>(statements, page, size, total);
    }

    /** Active sessions have no final count yet: count what is recorded, in one query for the page. */
    private List<SessionSummary> withCounts(List<RecordedSession> sessions) {
        List<UUID> active = sessions.stream().filter(RecordedSession::active).map(RecordedSession::id).toList();
        Map<UUID, Long> recorded = active.isEmpty() ? Map.of() : recordedCounts(active);
        return sessions.stream()
                .map(s -> new SessionSummary(s, s.active() ? recorded.getOrDefault(s.id(), 0L) : s.statementCount()))
                .toList();
    }

    private Map<UUID, Long> recordedCounts(List<UUID> sessionIds) {
        Map<UUID, Long> counts = new HashMap<>();
        em.createQuery("select t.sessionId, count(t) from RecordedStatement t where t.sessionId in :ids group by t.sessionId", Object[].class)
                .setParameter("ids", sessionIds)
                .getResultList()
                .forEach(row -> counts.put((UUID) row[0], (Long) row[1]));
        return counts;
    }

    /** The filter as a JPQL where clause over {@code s}, with only the conditions that are set. */
    private record Where(String clause, Map<String, Object> parameters) {

        static Where of(SessionFilter filter) {
            StringBuilder clause = new StringBuilder(" where 1 = 1");
            Map<String, Object> parameters = new LinkedHashMap<>();
            if (filter.connection() != null) {
                clause.append(" and s.connectionName = :connection");
                parameters.put("connection", filter.connection());
            }
            if (filter.identity() != null) {
                clause.append(" and (s.username = :identity or s.clientId = :identity or s.subject = :identity)");
                parameters.put("identity", filter.identity());
            }
            if (filter.from() != null) {
                clause.append(" and (s.endedAt is null or s.endedAt >= :from)");
                parameters.put("from", filter.from());
            }
            if (filter.to() != null) {
                clause.append(" and s.startedAt < :to");
                parameters.put("to", filter.to());
            }
            if (filter.active() != null) {
                clause.append(filter.active() ? " and s.endedAt is null" : " and s.endedAt is not null");
            }
            return new Where(clause.toString(), parameters);
        }
    }
}
