package dev.gatehouse.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of PUT .../legal-hold. */
@Schema(name = "LegalHoldRequest", description = "Why the hold is placed: the matter, case or ticket. Recorded in the audit trail.")
public class LegalHoldRequest {

    @Schema(required = true, maxLength = 1000, example = "Litigation hold, matter 2026-017")
    public String reason;
}
