package dev.gatehouse.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /access-reviews/{id}/items/{itemId}/decision. */
@Schema(name = "ReviewDecisionRequest", description = "confirm or revoke one item; a revocation needs a comment")
public class ReviewDecisionRequest {

    @Schema(required = true, enumeration = {"confirm", "revoke"})
    public String decision;

    @Schema(example = "left the payments team in October")
    public String comment;
}
