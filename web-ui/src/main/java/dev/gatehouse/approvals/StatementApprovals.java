package dev.gatehouse.approvals;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The command reviews the data path asked for (table statement_approval, V11): open while the
 * process runs, approved with a window, consumed once. Consumption is one conditional UPDATE, so
 * of two gateway nodes running the same approved statement at once only one gets to run it.
 */
@ApplicationScoped
@Transactional
public class StatementApprovals {

    /** What a statement is bound to. */
    public record Binding(String requester, String connection, String statementHash) {
    }

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    /** Consumes one approved, unused approval in its window, returning its request id. */
    public Optional<String> consume(Binding binding, Instant now) {
        List<?> used = em.createNativeQuery("""
                update statement_approval set used_at = ?4
                where request_id = (select request_id from statement_approval
                    where requester = ?1 and connection_name = ?2 and statement_hash = ?3 and status = 'APPROVED'
                      and used_at is null and valid_from <= ?4 and valid_until > ?4
                    order by valid_until limit 1 for update skip locked)
                  and used_at is null
                returning request_id""")
                .setParameter(1, binding.requester()).setParameter(2, binding.connection()).setParameter(3, binding.statementHash())
                .setParameter(4, now).getResultList();
        return used.stream().findFirst().map(String::valueOf);
    }

    /**
     * The open review of this statement, if one is waiting for decisions. In a transaction of its own
     * when the caller has none (the gate's executor threads): the container's entity manager outside a
     * transaction was found closed on those threads.
     */
    public Optional<String> pending(Binding binding) {
        List<?> rows = em.createNativeQuery("""
                select request_id from statement_approval
                where requester = ?1 and connection_name = ?2 and statement_hash = ?3 and status = 'PENDING'""")
                .setParameter(1, binding.requester()).setParameter(2, binding.connection()).setParameter(3, binding.statementHash())
                .getResultList();
        return rows.stream().findFirst().map(String::valueOf);
    }

    /** PENDING, APPROVED, REJECTED or EXPIRED; empty for an unknown request (a wait mode poll: its own transaction). */
    public Optional<String> status(String requestId) {
        List<?> rows = em.createNativeQuery("select status from statement_approval where request_id = ?1")
                .setParameter(1, requestId).getResultList();
        return rows.stream().findFirst().map(String::valueOf);
    }

    /** Joins the caller's transaction (the one that started the review), so both commit together. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void opened(String requestId, Binding binding, String statement, String rule, Instant now) {
        em.createNativeQuery("""
                insert into statement_approval (request_id, requester, connection_name, statement_hash, statement, rule_name,
                  status, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, 'PENDING', ?7)""")
                .setParameter(1, requestId).setParameter(2, binding.requester()).setParameter(3, binding.connection())
                .setParameter(4, binding.statementHash()).setParameter(5, statement).setParameter(6, rule).setParameter(7, now)
                .executeUpdate();
    }

    public void approved(String requestId, Instant validFrom, Instant validUntil) {
        em.createNativeQuery("update statement_approval set status = 'APPROVED', valid_from = ?2, valid_until = ?3 where request_id = ?1")
                .setParameter(1, requestId).setParameter(2, validFrom).setParameter(3, validUntil).executeUpdate();
    }

    /** Rejected or expired: the review is closed without a grant. */
    public void closed(String requestId, String status) {
        em.createNativeQuery("update statement_approval set status = ?2 where request_id = ?1 and status = 'PENDING'")
                .setParameter(1, requestId).setParameter(2, status).executeUpdate();
    }
}
