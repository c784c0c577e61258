package dev.gatehouse.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /guardrails/dry-run. */
@Schema(name = "GuardrailDryRunRequest", description = "A query string to judge as the data path would, without running it")
public class DryRunRequest {

    @Schema(description = "The connection whose rules apply (its own, then the global ones)", required = true, example = "payments-prod")
    public String connection;

    @Schema(description = "One or more statements, as a client would send them", required = true, example = "DROP TABLE t")
    public String sql;

    @Schema(description = "Whom to judge it for; omitted: the caller")
    public DryRunIdentity identity;

    @Schema(description = "ISO-8601 instant to judge time windows at; omitted: now", example = "2025-01-06T10:00:00Z")
    public String at;

    @Schema(name = "GuardrailDryRunIdentity")
    public static class DryRunIdentity {

        @Schema(enumeration = {"HUMAN", "AGENT"}, defaultValue = "HUMAN")
        public String kind;

        @Schema(description = "Realm roles", example = "[\"gatehouse-user\"]")
        public List<String> roles;

        @Schema(description = "The agent's OAuth client id", example = "ci-agent")
        public String clientId;
    }
}
