package dev.gatehouse.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /guardrails/packs/{pack}/apply. */
@Schema(name = "GuardrailPackRequest")
public class GuardrailPackRequest {

    @Schema(description = "The connection to apply the pack to, by name; null for the global scope", nullable = true, example = "payments-prod")
    public String connection;
}
