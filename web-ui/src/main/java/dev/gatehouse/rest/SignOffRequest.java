package dev.gatehouse.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /access-reviews/{id}/close. */
@Schema(name = "SignOffRequest", description = "The auditor's attestation that closes the campaign")
public class SignOffRequest {

    @Schema(required = true, example = "Every item reviewed against the HR leavers list of 2026-11-30.")
    public String signOff;
}
