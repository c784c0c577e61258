package dev.gatehouse.guardrails;

import dev.gatehouse.proxy.policy.RuleSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Guardrail rules as admins manage them, from the UI and from REST alike. A scope is a connection,
 * named by its name, or the global scope (null). Every change is validated here and written to the
 * audit trail in the same transaction.
 */
public interface GuardrailCatalog {

    /** Every rule: global ones first, then per connection, each scope in evaluation order. */
    List<StoredRule> list();

    /** One scope's rules in evaluation order; null is the global scope. */
    List<StoredRule> list(String connection);

    StoredRule get(UUID id);

    /** Adds the rule at the end of its scope. */
    StoredRule create(RuleDraft draft);

    /** Replaces a rule's fields; a rule moved to another scope goes to that scope's end. */
    StoredRule update(UUID id, RuleDraft draft);

    void delete(UUID id);

    /** Moves a rule to a 1-based position in its scope (clamped); returns the scope in its new order. */
    List<StoredRule> move(UUID id, int position);

    /** Copies a pack's rules to the end of a scope; returns the rules created. */
    List<StoredRule> applyPack(String pack, String connection);

    boolean allowUnparseable(String connection);

    void setAllowUnparseable(String connection, boolean allow);

    /** Connection names by id, to show the scope of rules. */
    Map<UUID, String> connectionNames();

    /** What the data path would evaluate on this connection now (read fresh, not from its cache). */
    RuleSet effectiveRuleSet(String connection);
}
