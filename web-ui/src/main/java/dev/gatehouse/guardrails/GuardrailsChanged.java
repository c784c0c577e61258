package dev.gatehouse.guardrails;

/**
 * Fired whenever a rule or a guardrail setting changes, so the data path's cache of rule sets
 * forgets what it holds. Observers should listen {@code during = TransactionPhase.AFTER_SUCCESS}:
 * reacting before the commit would let a concurrent lookup cache the old rules again.
 *
 * @param scope  the connection's name, or null for the global scope (which affects every connection)
 * @param change {@code created}, {@code updated}, {@code deleted}, {@code reordered}, {@code pack_applied}
 *               or {@code settings_changed}
 */
public record GuardrailsChanged(String scope, String change) {
}
