package dev.gatehouse.proxy.api;

import dev.gatehouse.proxy.policy.RuleSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the data path gets the guardrail rules in force on a connection. Asked for every
 * statement, so implementations answer from a cache with an already-completed stage and refresh
 * it off the event loop. A failed stage denies the statement (fail closed).
 */
public interface GuardrailRules {

    /** No guardrails anywhere: every statement goes through unparsed. */
    GuardrailRules NONE = connection -> CompletableFuture.completedFuture(RuleSet.NONE);

    CompletionStage<RuleSet> rulesFor(Connection connection);
}
