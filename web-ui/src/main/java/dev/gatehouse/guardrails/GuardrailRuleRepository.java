package dev.gatehouse.guardrails;

import dev.gatehouse.proxy.policy.RuleSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores guardrail rules and the per-connection guardrail settings. */
public interface GuardrailRuleRepository {

    Optional<StoredRule> find(UUID id);

    /** The rules of one scope (a connection id, or null for the global scope), by position. */
    List<StoredRule> findInScope(UUID connectionId);

    /** Every rule: global ones first, then per connection; by position within a scope. */
    List<StoredRule> findAll();

    void add(StoredRule rule);

    void remove(StoredRule rule);

    /** Writes pending changes now, so a name clash surfaces inside the service as a field error. */
    void flush();

    Optional<GuardrailSetting> settings(UUID connectionId);

    void add(GuardrailSetting setting);

    /**
     * The rules in force on the connection of this name, read completely before the persistence
     * context closes: see {@link EffectiveRules}. An unknown connection gets the global rules only.
     */
    RuleSet effectiveRuleSet(String connectionName);
}
