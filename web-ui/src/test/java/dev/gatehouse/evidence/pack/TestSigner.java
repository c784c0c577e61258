package dev.gatehouse.evidence.pack;

import dev.gatehouse.audit.chain.AuditSignature;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.List;

/** An Ed25519 key generated for a test, standing in for the gateway's sealed audit key (which needs the container). */
final class TestSigner implements PackSigner {

    static final String KEY_ID = "ed25519-20261101-pack-test";

    private final KeyPair keys;

    TestSigner() {
        try {
            keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    KeyPair keys() {
        return keys;
    }

    /** What an examiner holds: this key's public half, as /api/v1/audit/public-key publishes it. */
    PublicKeys published() {
        return PublicKeys.of(List.of(new PublicKeys.TrustedKey(KEY_ID, keys.getPublic(), Instant.parse("2026-11-01T00:00:00Z"), null)));
    }

    @Override
    public AuditSignature sign(byte[] manifest) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(manifest);
            return new AuditSignature(KEY_ID, signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
