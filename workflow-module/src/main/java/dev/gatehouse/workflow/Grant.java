package dev.gatehouse.workflow;

import java.time.Instant;
import java.util.List;

/**
 * What an approved request yields: {@code requester} may, on {@code connection}, between
 * {@code validFrom} and {@code validUntil}, run the statement with {@code statementHash} once
 * (command review), open sessions (access), or see through {@code maskingRules} (unmask).
 * {@code statementHash} is null and {@code maskingRules} empty where the kind has none.
 */
public record Grant(String requestId, RequestKind kind, String requester, String connection, String statementHash,
        List<String> maskingRules, Instant validFrom, Instant validUntil) {

    public Grant {
        maskingRules = List.copyOf(maskingRules);
    }
}
