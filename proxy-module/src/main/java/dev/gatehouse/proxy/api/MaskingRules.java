package dev.gatehouse.proxy.api;

import dev.gatehouse.proxy.masking.MaskingPolicy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the data path gets the masking rules that apply to one identity on one connection, after
 * the identity's unmask grants are taken off. Asked once per session and again when the
 * application signals a change, so implementations answer from a cache with an already-completed
 * stage and refresh it off the event loop. A failed stage refuses the session's result-returning
 * statements (fail closed): the gateway never forwards a result it could not decide about.
 */
public interface MaskingRules {

    /** No masking anywhere: results go through untouched. */
    MaskingRules NONE = (identity, connection) -> CompletableFuture.completedFuture(MaskingPolicy.NONE);

    CompletionStage<MaskingPolicy> policyFor(Identity identity, Connection connection);

    /**
     * Registers a callback run (off the event loop) whenever policies may have changed: a rule, key
     * or grant was changed, or a grant started or ended. Sessions that keep a policy ask
     * {@link #policyFor} again then. Implementations without changes ignore it.
     */
    default void onChange(Runnable listener) {
    }
}
