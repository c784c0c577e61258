package dev.gatehouse.guardrails;

import dev.gatehouse.proxy.policy.RuleSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaGuardrailRuleRepository implements GuardrailRuleRepository {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Override
    public Optional<StoredRule> find(UUID id) {
        return Optional.ofNullable(em.find(StoredRule.class, id));
    }

    @Override
    public List<StoredRule> findInScope(UUID connectionId) {
        if (connectionId == null) {
            return em.createQuery("select r from StoredRule r where r.connectionId is null order by r.position, r.name", StoredRule.class)
                    .getResultList();
        }
        return em.createQuery("select r from StoredRule r where r.connectionId = :connection order by r.position, r.name", StoredRule.class)
                .setParameter("connection", connectionId)
                .getResultList();
    }

    @Override
    public List<StoredRule> findAll() {
        return em.createQuery("select r from StoredRule r order by r.connectionId nulls first, r.position, r.name", StoredRule.class)
                .getResultList();
    }

    @Override
    public void add(StoredRule rule) {
        em.persist(rule);
    }

    @Override
    public void remove(StoredRule rule) {
        em.remove(rule);
    }

    @Override
    public void flush() {
        em.flush();
    }

    @Override
    public Optional<GuardrailSetting> settings(UUID connectionId) {
        return Optional.ofNullable(em.find(GuardrailSetting.class, connectionId));
    }

    @Override
    public void add(GuardrailSetting setting) {
        em.persist(setting);
    }

    /**
     * Its own transaction when called outside one: the data path calls it from executor threads,
     * where only a transaction gives each call a persistence context of its own.
     */
    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public RuleSet effectiveRuleSet(String connectionName) {
        UUID connectionId = em.createQuery("select c.id from TargetConnection c where c.name = :name", UUID.class)
                .setParameter("name", connectionName)
                .getResultStream().findFirst().orElse(null);
        List<StoredRule> own = connectionId == null ? List.of() : findInScope(connectionId);
        boolean allowUnparseable = connectionId != null && settings(connectionId).map(GuardrailSetting::allowUnparseable).orElse(false);
        return EffectiveRules.of(own, findInScope(null), allowUnparseable);
    }
}
