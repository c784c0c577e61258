package dev.gatehouse.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of POST /masking-keys. */
@Schema(name = "MaskingKeyRequest", description = "A new tokenization key; the gateway generates the material itself")
public class MaskingKeyRequest {

    @Schema(description = "The id rules name it by; never reused", example = "tokens-2026", required = true)
    public String keyId;
}
