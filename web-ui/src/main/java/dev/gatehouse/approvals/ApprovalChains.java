package dev.gatehouse.approvals;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.workflow.chain.ApprovalChain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Approval chains by scope, stored as the JSON {@link ApprovalChain#parse} accepts. A request takes
 * the chain of the guardrail rule's named chain, else the connection's ({@code connection:<name>}),
 * else {@code default}, else {@link #BUILT_IN}: two distinct approvers (four eyes).
 */
@ApplicationScoped
public class ApprovalChains {

    public static final String DEFAULT_SCOPE = "default";
    public static final String CONNECTION_PREFIX = "connection:";
    static final ApprovalChain BUILT_IN = ApprovalChain.parse("""
            {"expiresAfter": "PT24H", "steps": [
              {"name": "First approval", "candidateGroups": ["gatehouse-approver"]},
              {"name": "Second approval", "candidateGroups": ["gatehouse-approver"]}]}""");
    private static final Pattern SCOPE = Pattern.compile("default|connection:[A-Za-z0-9_.-]{1,63}|[a-z0-9_.-]{1,128}");

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    AuditLog audit;

    /** The chain a request on {@code connection} runs, given the rule's chain name (null for access and unmask). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ApprovalChain chainFor(String ruleChain, String connection) {
        for (String scope : new String[] {ruleChain, CONNECTION_PREFIX + connection, DEFAULT_SCOPE}) {
            if (scope != null) {
                Optional<String> stored = find(scope);
                if (stored.isPresent()) {
                    return ApprovalChain.parse(stored.get());
                }
            }
        }
        return BUILT_IN;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> find(String scope) {
        List<?> rows = em.createNativeQuery("select definition from approval_chain where scope = ?1").setParameter(1, scope).getResultList();
        return rows.stream().findFirst().map(String::valueOf);
    }

    /**
     * Stores {@code definition} for {@code scope} after {@link ApprovalChain#parse} accepted it; a
     * malformed chain throws {@link dev.gatehouse.workflow.chain.MalformedChainException} and nothing changes.
     */
    @Transactional
    public ApprovalChain put(String scope, String definition, Actor actor) {
        if (scope == null || !SCOPE.matcher(scope).matches()) {
            throw new IllegalArgumentException("scope: 'default', 'connection:<name>' or a chain name of a-z, 0-9, '_', '.', '-'");
        }
        ApprovalChain chain = ApprovalChain.parse(definition);
        em.createNativeQuery("""
                insert into approval_chain (scope, definition, updated_by, updated_at) values (?1, ?2, ?3, ?4)
                on conflict (scope) do update set definition = excluded.definition, updated_by = excluded.updated_by,
                  updated_at = excluded.updated_at""")
                .setParameter(1, scope).setParameter(2, chain.toJson()).setParameter(3, actor.name()).setParameter(4, Instant.now())
                .executeUpdate();
        audit.append(actor, "approval-chain.updated", "approval-chain", scope, scope, "success", Map.of("definition", chain.toJson()));
        return chain;
    }
}
