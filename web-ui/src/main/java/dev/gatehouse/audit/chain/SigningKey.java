package dev.gatehouse.audit.chain;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;

/** The active checkpoint-signing key, unsealed in memory only. */
record SigningKey(String keyId, PublicKey publicKey, PrivateKey privateKey, Instant createdAt) {

    @Override
    public String toString() {
        return "SigningKey[" + keyId + "]";
    }
}
