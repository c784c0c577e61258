package dev.gatehouse.retention;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The log of purge runs (retention_run), and the audit event of each run that purged anything. */
@ApplicationScoped
public class RetentionRuns {

    static final String PURGED = "retention.purged";

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    AuditLog audit;

    /**
     * Records a run that now holds the purge lock. Runs still marked running cannot be running (the
     * lock is ours): their node stopped mid-run, and they are marked interrupted.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public UUID start(String via, Actor who, Instant at) {
        em.createQuery("select r from StoredPurgeRun r where r.outcome = :running", StoredPurgeRun.class)
                .setParameter("running", PurgeOutcome.RUNNING.wireName())
                .getResultList()
                .forEach(StoredPurgeRun::interrupted);
        UUID id = UUID.randomUUID();
        em.persist(new StoredPurgeRun(id, via, who.name(), at, PurgeOutcome.RUNNING));
        return id;
    }

    /** Records a run that found the purge lock taken and did nothing. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public PurgeRun skipped(String via, Actor who, Instant at) {
        StoredPurgeRun run = new StoredPurgeRun(UUID.randomUUID(), via, who.name(), at, PurgeOutcome.SKIPPED);
        run.finish(PurgeOutcome.SKIPPED, at, Map.of(), List.of(), "another node or run holds the purge lock");
        em.persist(run);
        return run.toRun();
    }

    /**
     * Ends a run. If it purged anything, the retention.purged audit event with the counts is written in
     * the same transaction, last (the chain lock is held until commit).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public PurgeRun finish(UUID id, Actor who, PurgeOutcome outcome, PurgeCounts counts, List<String> held, String error) {
        StoredPurgeRun run = em.find(StoredPurgeRun.class, id);
        run.finish(outcome, Instant.now(), counts.asMap(), held, error);
        if (!counts.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("runId", id.toString());
            details.put("outcome", outcome.wireName());
            details.putAll(counts.auditDetails());
            details.put("heldConnections", held);
            if (error != null) {
                details.put("error", error);
            }
            em.flush();
            run.auditedAs(audit.append(who, PURGED, "retention", id.toString(), "purge",
                    outcome == PurgeOutcome.COMPLETED ? "success" : "failure", details).seq());
        }
        return run.toRun();
    }

    /** Newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PurgeRun> latest(int limit) {
        return em.createQuery("select r from StoredPurgeRun r order by r.startedAt desc", StoredPurgeRun.class)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(StoredPurgeRun::toRun)
                .toList();
    }
}
