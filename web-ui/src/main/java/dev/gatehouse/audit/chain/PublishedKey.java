package dev.gatehouse.audit.chain;

import java.time.Instant;

/**
 * A checkpoint-verification key as published at /api/v1/audit/public-key and in bundles.
 *
 * @param publicKey base64 of the X.509 SubjectPublicKeyInfo (DER)
 * @param retiredAt when rotation replaced it; it still verifies the checkpoints it signed
 */
public record PublishedKey(String keyId, String algorithm, String publicKey, Instant createdAt, Instant retiredAt) {
}
