package dev.gatehouse.recording;

import dev.gatehouse.proxy.api.RecordedEvent;
import dev.gatehouse.proxy.api.SessionRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The data path's recorder: each batch becomes session and statement rows plus one audit row per
 * event, in one transaction of its own, so a batch lands entirely or not at all and the proxy can
 * retry it. Rows go through JDBC batches on the transaction's connection: the gateway records
 * thousands of statements a second, and a JPA persist per row would cost a round trip each.
 */
@ApplicationScoped
public class JpaSessionRecorder implements SessionRecorder {

    /** Live sessions whose actor is remembered; more than this and the oldest are looked up again. */
    static final int REMEMBERED_SESSIONS = 10_000;

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    private final Map<UUID, SessionFacts> liveSessions = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, SessionFacts> eldest) {
            return size() > REMEMBERED_SESSIONS;
        }
    };

    @Override
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public void write(List<RecordedEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<UUID, SessionFacts> started = em.unwrap(Session.class)
                .doReturningWork(connection -> new RecordingBatchWriter(connection, this::remembered).write(batch));
        // Remembered even if the commit then fails: a retry carries the same sessions with the same facts.
        synchronized (liveSessions) {
            liveSessions.putAll(started);
            batch.stream().filter(RecordedEvent.SessionEnded.class::isInstance)
                    .forEach(ended -> liveSessions.remove(((RecordedEvent.SessionEnded) ended).sessionId()));
        }
    }

    private SessionFacts remembered(UUID sessionId) {
        synchronized (liveSessions) {
            return liveSessions.get(sessionId);
        }
    }
}
