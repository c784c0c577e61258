package dev.gatehouse.rest;

import dev.gatehouse.masking.MaskingTokenKey;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tokenization key's facts; its material never leaves the gateway. */
@Schema(name = "MaskingKey", description = "A tokenization key (HMAC-SHA-256, 256 bits, generated and sealed by the gateway). The key"
        + " material is never returned.")
public record MaskingKeyView(String keyId, boolean retired, String createdBy, Instant createdAt, String retiredBy, Instant retiredAt) {

    static MaskingKeyView of(MaskingTokenKey key) {
        return new MaskingKeyView(key.keyId(), key.retired(), key.createdBy(), key.createdAt(), key.retiredBy(), key.retiredAt());
    }
}
