package dev.gatehouse.retention;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
@Transactional
public class DefaultRetentionPolicies implements RetentionPolicies {

    static final String TARGET_TYPE = "retention_policy";

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    KnownConnections connections;

    @Inject
    AuditLog audit;

    @Inject
    CurrentActor actor;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RetentionPolicy> list() {
        // '*' sorts before every valid connection name, which starts with a letter or digit.
        return em.createQuery("select p from RetentionPolicy p order by p.connectionName", RetentionPolicy.class).getResultList();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public RetentionPolicy effective(String connection) {
        RetentionPolicy own = connection == null ? null : em.find(RetentionPolicy.class, connection);
        return own != null ? own : defaultPolicy();
    }

    @Override
    public RetentionPolicy save(String connection, RetentionPeriods periods) {
        String name = RetentionPolicy.DEFAULT.equals(connection) ? RetentionPolicy.DEFAULT : connections.require(connection);
        Actor who = actor.get();
        Instant now = Instant.now();
        RetentionPolicy policy = em.find(RetentionPolicy.class, name);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("connection", name);
        if (policy == null) {
            policy = new RetentionPolicy(name, periods, who.name(), now);
            em.persist(policy);
            details.put("previous", "default");
        } else {
            details.put("previous", describe(policy.periods()));
            policy.apply(periods, who.name(), now);
        }
        details.put("payloadDays", periods.payloadDays());
        details.put("recordingDays", periods.recordingDays());
        details.put("auditDays", periods.auditDays());
        em.flush();
        audit.append(who, "retention.policy_changed", TARGET_TYPE, name, name, "success", details);
        return policy;
    }

    @Override
    public void reset(String connection) {
        if (RetentionPolicy.DEFAULT.equals(connection)) {
            throw new ValidationFailedException(List.of(new FieldError("connection", "the default policy '*' cannot be removed; change it instead")));
        }
        RetentionPolicy policy = connection == null ? null : em.find(RetentionPolicy.class, connection);
        if (policy == null) {
            throw new RetentionPolicyNotFoundException(connection);
        }
        if (policy.legalHold()) {
            throw new ValidationFailedException(List.of(new FieldError("legalHold",
                    "the connection is under legal hold; its policy stays until an auditor releases the hold")));
        }
        em.remove(policy);
        em.flush();
        audit.append(actor.get(), "retention.policy_removed", TARGET_TYPE, connection, connection, "success",
                Map.of("connection", connection, "previous", describe(policy.periods()), "now", "default"));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> knownConnections() {
        return connections.all();
    }

    private RetentionPolicy defaultPolicy() {
        RetentionPolicy policy = em.find(RetentionPolicy.class, RetentionPolicy.DEFAULT);
        if (policy == null) {
            // V6 inserts the row and nothing deletes it; a store without it was edited by hand.
            throw new IllegalStateException("the default retention policy '*' is missing from retention_policy");
        }
        return policy;
    }

    private static String describe(RetentionPeriods periods) {
        return "payload " + periods.payloadDays() + "d, recording " + periods.recordingDays() + "d, audit " + periods.auditDays() + "d";
    }
}
