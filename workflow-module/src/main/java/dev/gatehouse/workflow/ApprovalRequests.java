package dev.gatehouse.workflow;

import dev.gatehouse.workflow.chain.ApprovalChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** What a requester asks for; one record per kind of request. */
public final class ApprovalRequests {

    private ApprovalRequests() {
    }

    /**
     * @param statement           the statement exactly as the client sent it (docs/adr/0017): nothing is
     *                            normalized, so what approvers read is what runs
     * @param parameters          the values bound to its placeholders as approvers see them, in order
     * @param approvalWindow      how long after approval the statement may be run, once
     */
    public record CommandReview(String requester, String connection, String rule, String statement,
            List<String> parameters, Duration approvalWindow, ApprovalChain chain) {
        public CommandReview {
            Objects.requireNonNull(statement, "statement");
            // Copied without List.copyOf, which refuses the nulls that stand for SQL NULL.
            parameters = parameters == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(parameters));
            common(requester, connection, approvalWindow, chain);
        }

        public String statementHash() {
            return StatementFingerprint.of(statement, parameters);
        }
    }

    public record Access(String requester, String connection, String reason, Duration duration, ApprovalChain chain) {
        public Access {
            common(requester, connection, duration, chain);
            requireText(reason, "reason");
        }
    }

    public record Unmask(String requester, String connection, List<String> maskingRules, String reason, Duration duration,
            ApprovalChain chain) {
        public Unmask {
            common(requester, connection, duration, chain);
            requireText(reason, "reason");
            maskingRules = List.copyOf(maskingRules);
            if (maskingRules.isEmpty()) {
                throw new IllegalArgumentException("maskingRules: name at least one masking rule");
            }
            if (maskingRules.stream().anyMatch(rule -> rule.isBlank() || rule.contains(","))) {
                throw new IllegalArgumentException("maskingRules: a rule name is blank or contains a comma");
            }
        }
    }

    private static void common(String requester, String connection, Duration validFor, ApprovalChain chain) {
        requireText(requester, "requester");
        requireText(connection, "connection");
        Objects.requireNonNull(chain, "chain");
        if (validFor == null || validFor.isZero() || validFor.isNegative()) {
            throw new IllegalArgumentException("duration: must be positive, was " + validFor);
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
    }
}
