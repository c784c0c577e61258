package dev.gatehouse.audit.chain;

/**
 * A signature made with the gateway's active audit key, and which key made it (the private key
 * itself never leaves {@link AuditSigningKeys}).
 *
 * @param signature the raw Ed25519 signature
 */
public record AuditSignature(String keyId, byte[] signature) {

    public AuditSignature {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
