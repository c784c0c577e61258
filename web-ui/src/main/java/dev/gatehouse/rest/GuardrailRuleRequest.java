package dev.gatehouse.rest;

import dev.gatehouse.guardrails.RuleDraft;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST and PUT /guardrails. Classes with public fields rather than records: Payara's
 * OpenAPI generator reads {@code @Schema} on fields but fails on record accessor methods.
 */
@Schema(name = "GuardrailRuleRequest", description = "A guardrail rule to create or replace. Every condition that is set must hold;"
        + " a rule with no condition at all is refused.")
public class GuardrailRuleRequest {

    @Schema(description = "The connection the rule belongs to, by name; null or omitted for a global rule (every connection)",
            example = "payments-prod", nullable = true)
    public String connection;

    @Schema(description = "Unique in its scope; shown to blocked clients and in recordings", example = "no-drop-on-payments", required = true)
    public String name;

    @Schema(required = true, enumeration = {"ALLOW", "DENY", "REQUIRE_APPROVAL", "ALLOW_AND_ALERT"})
    public String action;

    @Schema(description = "Disabled rules are kept but not evaluated", defaultValue = "true")
    public Boolean enabled;

    @Schema(description = "Statement classes, optionally with an object kind: SELECT, DELETE, DROP, DROP:TABLE, ALTER:ROLE ...",
            example = "[\"DROP:TABLE\", \"TRUNCATE\"]")
    public List<String> statements;

    @Schema(description = "Match statements whose class is NOT listed in statements (e.g. everything but SELECT)", defaultValue = "false")
    public Boolean exceptStatements;

    @Schema(description = "Tables the statement touches: table, schema.table, * as a wildcard", example = "[\"payments.*\"]")
    public List<String> tables;

    @Schema(description = "Only UPDATE or DELETE without a WHERE clause that limits rows", defaultValue = "false")
    public Boolean unboundedWritesOnly;

    @Schema(description = "The statement calls one of these functions anywhere (names without schema)", example = "[\"pg_read_file\"]")
    public List<String> functions;

    @Schema(description = "Only COPY to or from a program or a file on the database server", defaultValue = "false")
    public Boolean serverSideCopy;

    @Schema(description = "Whom the rule applies to; omitted: anyone")
    public IdentityConditionBody identity;

    @Schema(description = "When the rule applies; omitted: always")
    public TimeWindowBody window;

    @Schema(description = "The reason a blocked client is shown", example = "no DDL on payments during business hours")
    public String message;

    @Schema(description = "For REQUIRE_APPROVAL only: the approval chain (default \"default\"); an error on other actions")
    public String approvalChain;

    RuleDraft toDraft() {
        return new RuleDraft(connection, name, action, enabled, statements, Boolean.TRUE.equals(exceptStatements), tables,
                Boolean.TRUE.equals(unboundedWritesOnly), functions, Boolean.TRUE.equals(serverSideCopy),
                identity == null ? null : new RuleDraft.IdentityDraft(identity.kinds, identity.roles, identity.clientIds),
                window == null ? null : new RuleDraft.WindowDraft(window.days, window.from, window.to, window.zone, Boolean.TRUE.equals(window.outside)),
                message, approvalChain);
    }

    @Schema(name = "IdentityCondition", description = "Each list left empty means any; filled lists must all hold")
    public static class IdentityConditionBody {

        @Schema(description = "HUMAN and/or AGENT", example = "[\"AGENT\"]")
        public List<String> kinds;

        @Schema(description = "Realm roles; one of them suffices", example = "[\"gatehouse-user\"]")
        public List<String> roles;

        @Schema(description = "OAuth client ids of agents", example = "[\"ci-agent\"]")
        public List<String> clientIds;
    }

    @Schema(name = "TimeWindow", description = "From (inclusive) until to (exclusive) on the given days in a time zone;"
            + " a window whose end is before its start runs over midnight")
    public static class TimeWindowBody {

        @Schema(description = "MONDAY ... SUNDAY; empty: every day", example = "[\"MONDAY\", \"FRIDAY\"]")
        public List<String> days;

        @Schema(description = "HH:mm", example = "09:00", required = true)
        public String from;

        @Schema(description = "HH:mm", example = "17:00", required = true)
        public String to;

        @Schema(description = "IANA time zone", example = "Europe/Berlin", required = true)
        public String zone;

        @Schema(description = "Apply the rule outside the window instead", defaultValue = "false")
        public Boolean outside;
    }
}
