package dev.gatehouse.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of PUT /retention/policies/{connection}. */
@Schema(name = "RetentionPolicyRequest", description = "Days to keep each kind of data, each 1 to 36500; recordingDays must be at least"
        + " payloadDays. All three are required. Legal holds are changed through .../legal-hold, not here.")
public class RetentionPolicyRequest {

    @Schema(description = "Statement text and parameter values", example = "90")
    public Integer payloadDays;

    @Schema(description = "Statement and ended-session rows", example = "400")
    public Integer recordingDays;

    @Schema(description = "Details of audit events (their chain links stay)", example = "400")
    public Integer auditDays;
}
