package dev.gatehouse.proxy.audit.pack;

import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import dev.gatehouse.proxy.audit.verify.PublicKeys.SignatureCheck;
import dev.gatehouse.proxy.audit.verify.PublicKeys.TrustedKey;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MANIFEST.sig: an Ed25519 signature over the exact bytes of MANIFEST.json, made with the gateway's
 * audit key (the one that signs checkpoints), stored as {@code {"algorithm","key_id","signature"}}.
 *
 * @param signature base64 of the raw Ed25519 signature
 */
public record ManifestSignature(String keyId, String algorithm, String signature) {

    public static final String FILE_NAME = "MANIFEST.sig";

    public static ManifestSignature sign(byte[] manifest, String keyId, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(Checkpoint.ALGORITHM);
            signer.initSign(key);
            signer.update(manifest);
            return new ManifestSignature(keyId, Checkpoint.ALGORITHM, Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the manifest failed: " + e.getMessage(), e);
        }
    }

    /** A signature made elsewhere (the gateway's key store signs; its private key never leaves it). */
    public static ManifestSignature of(String keyId, byte[] rawSignature) {
        return new ManifestSignature(keyId, Checkpoint.ALGORITHM, Base64.getEncoder().encodeToString(rawSignature));
    }

    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key_id", keyId);
        json.put("algorithm", algorithm);
        json.put("signature", signature);
        return CanonicalJson.write(json);
    }

    /** Reads MANIFEST.sig; throws IllegalArgumentException naming what is wrong. */
    public static ManifestSignature parse(String json) {
        if (!(CanonicalJson.parse(json) instanceof Map<?, ?> document)) {
            throw new IllegalArgumentException(FILE_NAME + " is not a JSON object");
        }
        if (!(document.get("key_id") instanceof String keyId) || !(document.get("signature") instanceof String signature)) {
            throw new IllegalArgumentException(FILE_NAME + " has no key_id or no signature");
        }
        if (!Checkpoint.ALGORITHM.equals(document.get("algorithm"))) {
            throw new IllegalArgumentException(FILE_NAME + " is not an " + Checkpoint.ALGORITHM + " signature");
        }
        return new ManifestSignature(keyId, Checkpoint.ALGORITHM, signature);
    }

    /**
     * Checks this signature over {@code manifest} with the examiner's keys, as {@link PublicKeys}
     * checks a checkpoint: by key id, or against every PEM key when the file carries no ids. A key
     * retired before {@code signedAt} proves nothing: its private half may have leaked since.
     */
    public SignatureCheck check(byte[] manifest, Instant signedAt, PublicKeys keys) {
        for (TrustedKey trusted : keys.keys()) {
            if (trusted.keyId() != null && trusted.keyId().equals(keyId)) {
                if (!verifiedBy(manifest, trusted.key())) {
                    return SignatureCheck.BAD_SIGNATURE;
                }
                boolean afterRetirement = trusted.retiredAt() != null && signedAt.isAfter(trusted.retiredAt());
                return afterRetirement ? SignatureCheck.SIGNED_AFTER_RETIREMENT : SignatureCheck.VALID;
            }
        }
        boolean anyWithoutId = false;
        for (TrustedKey trusted : keys.keys()) {
            if (trusted.keyId() == null) {
                anyWithoutId = true;
                if (verifiedBy(manifest, trusted.key())) {
                    return SignatureCheck.VALID;
                }
            }
        }
        return anyWithoutId ? SignatureCheck.BAD_SIGNATURE : SignatureCheck.UNKNOWN_KEY;
    }

    /** A malformed signature is simply not valid. */
    private boolean verifiedBy(byte[] manifest, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance(Checkpoint.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(manifest);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
