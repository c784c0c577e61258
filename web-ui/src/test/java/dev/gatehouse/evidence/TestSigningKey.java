package dev.gatehouse.evidence;

import dev.gatehouse.audit.chain.AuditSignature;
import dev.gatehouse.evidence.pack.PackSigner;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.List;

/** An Ed25519 key standing in for the gateway's audit key where no container holds one (tests, benchmarks). */
final class TestSigningKey {

    private final String keyId;
    private final KeyPair pair;

    TestSigningKey(String keyId) throws GeneralSecurityException {
        this.keyId = keyId;
        this.pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    String keyId() {
        return keyId;
    }

    /** What an examiner would trust: this key's public half. */
    PublicKeys trusted(Instant createdAt) {
        return PublicKeys.of(List.of(new PublicKeys.TrustedKey(keyId, pair.getPublic(), createdAt, null)));
    }

    /** The custody files' view of this key: its public half, created now, no timestamp authority. */
    dev.gatehouse.evidence.pack.PackCustody custody() {
        return new dev.gatehouse.evidence.pack.PackCustody(pair.getPublic(), Instant.now(), null);
    }

    PackSigner signer() {
        return manifest -> {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(pair.getPrivate());
                signature.update(manifest);
                return new AuditSignature(keyId, signature.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
