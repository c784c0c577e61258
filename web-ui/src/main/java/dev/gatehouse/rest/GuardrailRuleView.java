package dev.gatehouse.rest;

import dev.gatehouse.guardrails.GuardrailSummary;
import dev.gatehouse.guardrails.StoredRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored guardrail rule as the API returns it: the same fields as the request, plus its place and history. */
@Schema(name = "GuardrailRule", description = "A guardrail rule. connection is null for a global rule. position is 1-based within"
        + " the scope; a connection's rules are evaluated before the global ones and the first match decides. summary describes the"
        + " conditions in words; sourcePack names the pack it was copied from, if any.")
public record GuardrailRuleView(String id, String connection, int position, String name, String action, boolean enabled,
        List<String> statements, boolean exceptStatements, List<String> tables, boolean unboundedWritesOnly, List<String> functions,
        boolean serverSideCopy, IdentityView identity, WindowView window, String message, String approvalChain, String sourcePack,
        String summary, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt, long version) {

    @Schema(name = "IdentityConditionView")
    public record IdentityView(List<String> kinds, List<String> roles, List<String> clientIds) {
    }

    @Schema(name = "TimeWindowView")
    public record WindowView(List<String> days, String from, String to, String zone, boolean outside) {
    }

    static GuardrailRuleView of(StoredRule r, Map<UUID, String> connectionNames) {
        String connection = r.connectionId() == null ? null : connectionNames.getOrDefault(r.connectionId(), r.connectionId().toString());
        WindowView window = r.hasWindow()
                ? new WindowView(r.windowDays(), r.windowFrom().toString(), r.windowTo().toString(), r.windowZone(), r.windowOutside())
                : null;
        return new GuardrailRuleView(r.id().toString(), connection, r.position(), r.name(), r.action().name(), r.enabled(), r.statements(),
                r.exceptStatements(), r.tables(), r.unboundedWritesOnly(), r.functions(), r.serverSideCopy(),
                new IdentityView(r.identityKinds(), r.identityRoles(), r.identityClientIds()), window, r.message(), r.approvalChain(),
                r.sourcePack(), GuardrailSummary.conditions(r), r.createdBy(), r.createdAt(), r.updatedBy(), r.updatedAt(), r.version());
    }
}
