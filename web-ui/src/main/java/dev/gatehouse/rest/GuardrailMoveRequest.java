package dev.gatehouse.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /guardrails/{id}/move: either a position or a direction. */
@Schema(name = "GuardrailMoveRequest", description = "Give position (1-based, clamped to the scope) or direction, not both")
public class GuardrailMoveRequest {

    @Schema(example = "1")
    public Integer position;

    @Schema(enumeration = {"up", "down"})
    public String direction;
}
