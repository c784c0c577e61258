package dev.gatehouse.proxy.api;

import dev.gatehouse.proxy.masking.MaskingPolicy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the data path gets the masking rules that apply to one identity on one connection, after
 * the identity's unmask grants are taken off.
 *
 * <p>Asked on the session's event loop when the session starts, and again each time the target's
 * answer to a new request begins (a simple query, or an extended-protocol batch up to its Sync,
 * including each fetch from an open portal). A result already streaming keeps the policy it
 * started with; the next one follows the new answer. So it is asked once per request:
 * implementations answer from a cache with an already-completed stage, refreshed off the event
 * loop, and keep returning the <em>same</em> {@link MaskingPolicy} instance while nothing changed
 * (the session rebuilds its masking parts only when the instance differs). When a rule, key or
 * unmask grant changes, or a grant ends, the cache should answer differently promptly: open
 * sessions apply it to their next request.
 *
 * <p>A pending stage holds the next result until it completes. A failed stage (or a null policy)
 * refuses the session's results until a later answer succeeds (fail closed): the gateway never
 * forwards a result it could not decide about.
 */
public interface MaskingRules {

    /** No masking anywhere: results go through untouched. */
    MaskingRules NONE = (identity, connection) -> CompletableFuture.completedFuture(MaskingPolicy.NONE);

    CompletionStage<MaskingPolicy> policyFor(Identity identity, Connection connection);
}
