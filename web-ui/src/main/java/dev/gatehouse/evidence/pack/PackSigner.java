package dev.gatehouse.evidence.pack;

import dev.gatehouse.audit.chain.AuditSignature;

/**
 * Signs a pack's manifest. In the gateway this is {@code AuditSigningKeys::sign} (the audit key that
 * signs checkpoints); tests sign with a key of their own.
 */
@FunctionalInterface
public interface PackSigner {

    AuditSignature sign(byte[] manifest);
}
