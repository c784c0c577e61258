package dev.gatehouse.workflow;

import java.time.Instant;

/**
 * What an approved request yields: {@code requester} may, on {@code connection}, between
 * {@code validFrom} and {@code validUntil}, run the statement with {@code statementHash} once
 * (command review), open sessions (access), or see through {@code maskingRules} (unmask).
 */
public record Grant(String requestId, RequestKind kind, String requester, String connection, String statementHash,
        String maskingRules, Instant validFrom, Instant validUntil) {
}
