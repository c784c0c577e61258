package dev.gatehouse.guardrails;

import java.util.List;

/**
 * What an admin submits to create or change a guardrail rule, before validation. Values stay text
 * here on purpose: an unknown statement class, day or zone must come back as a field error that
 * names the field, not as a parse failure of the whole body.
 *
 * @param connection the connection the rule belongs to, by name; null or empty for a global rule
 * @param enabled    null means enabled
 * @param window     null for "always"
 */
public record RuleDraft(String connection, String name, String action, Boolean enabled, List<String> statements,
        boolean exceptStatements, List<String> tables, boolean unboundedWritesOnly, List<String> functions,
        boolean serverSideCopy, IdentityDraft identity, WindowDraft window, String message, String approvalChain) {

    public RuleDraft {
        connection = blankToNull(connection);
        name = name == null ? null : name.trim();
        action = blankToNull(action);
        statements = statements == null ? List.of() : List.copyOf(statements.stream().map(RuleDraft::orEmpty).toList());
        tables = tables == null ? List.of() : List.copyOf(tables.stream().map(RuleDraft::orEmpty).toList());
        functions = functions == null ? List.of() : List.copyOf(functions.stream().map(RuleDraft::orEmpty).toList());
        identity = identity == null ? IdentityDraft.ANYONE : identity;
        message = blankToNull(message);
        approvalChain = blankToNull(approvalChain);
    }

    /** Whom the rule applies to; empty lists mean anyone. {@code kinds} are HUMAN or AGENT. */
    public record IdentityDraft(List<String> kinds, List<String> roles, List<String> clientIds) {

        public static final IdentityDraft ANYONE = new IdentityDraft(List.of(), List.of(), List.of());

        public IdentityDraft {
            kinds = kinds == null ? List.of() : List.copyOf(kinds.stream().map(RuleDraft::orEmpty).toList());
            roles = roles == null ? List.of() : List.copyOf(roles.stream().map(RuleDraft::orEmpty).toList());
            clientIds = clientIds == null ? List.of() : List.copyOf(clientIds.stream().map(RuleDraft::orEmpty).toList());
        }
    }

    /**
     * When the rule applies: {@code days} are MONDAY..SUNDAY (empty: every day), {@code from} and
     * {@code to} are HH:mm, {@code zone} an IANA zone such as Europe/Berlin.
     */
    public record WindowDraft(List<String> days, String from, String to, String zone, boolean outside) {

        public WindowDraft {
            days = days == null ? List.of() : List.copyOf(days.stream().map(RuleDraft::orEmpty).toList());
            from = blankToNull(from);
            to = blankToNull(to);
            zone = blankToNull(zone);
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
