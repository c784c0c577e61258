package dev.gatehouse.rest;

import dev.gatehouse.masking.ExemptionDraft;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /masking-exemptions: a time-bound unmask grant. */
@Schema(name = "MaskingExemptionRequest", description = "Lets one identity see the clear values of some masking rules for a while")
public class MaskingExemptionRequest {

    @Schema(description = "The identity's IdP subject; or give username")
    public String subject;

    @Schema(description = "The identity's username (or an agent's service-account name)", example = "eve")
    public String username;

    @Schema(description = "A connection's name, or * for every connection", defaultValue = "*")
    public String connection;

    @Schema(description = "The masking rules to lift, by id; empty or omitted: every rule")
    public List<String> ruleIds;

    @Schema(description = "Why the clear values are needed (a ticket, an incident)", required = true, example = "INC-4711 fraud review")
    public String reason;

    @Schema(description = "ISO-8601 instant; omitted: now", example = "2026-01-06T09:00:00Z")
    public String startsAt;

    @Schema(description = "ISO-8601 instant; or give durationMinutes. At most 90 days after startsAt", example = "2026-01-06T17:00:00Z")
    public String endsAt;

    @Schema(description = "Minutes from startsAt; instead of endsAt", example = "60")
    public Integer durationMinutes;

    ExemptionDraft toDraft() {
        return new ExemptionDraft(subject, username, connection, ruleIds, reason, startsAt, endsAt, durationMinutes);
    }
}
