package dev.gatehouse.proxy.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed statement "the chain ended at {@code seq} with {@code hash} at {@code signedAt}". Each
 * checkpoint also signs the previous checkpoint's signature, so checkpoints form a chain of their
 * own (as CloudTrail's digest files do) and one cannot be dropped or replaced unnoticed.
 *
 * @param previousSignature base64 of the previous checkpoint's signature, empty for the first
 * @param signature         base64 Ed25519 signature over {@link #signedPayload()}
 */
public record Checkpoint(long seq, String hash, Instant signedAt, String keyId, String previousSignature, String signature) {

    public static final String ALGORITHM = "Ed25519";

    public static Checkpoint sign(long seq, String hash, Instant signedAt, String keyId, String previousSignature, PrivateKey key) {
        Checkpoint unsigned = new Checkpoint(seq, hash, signedAt, keyId, previousSignature == null ? "" : previousSignature, null);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(unsigned.signedPayload());
            return new Checkpoint(seq, hash, unsigned.signedAt, keyId, unsigned.previousSignature,
                    Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a checkpoint failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code key} signed exactly these fields. A malformed signature is simply not valid. */
    public boolean verifiedBy(PublicKey key) {
        if (signature == null || key == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signedPayload());
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The bytes signed: the canonical JSON of every field but the signature. */
    public byte[] signedPayload() {
        return CanonicalJson.write(fields(false)).getBytes(StandardCharsets.UTF_8);
    }

    /** The anchor file's (and the bundle's) form: every field, signature included. */
    public String toJson() {
        return CanonicalJson.write(fields(true));
    }

    private Map<String, Object> fields(boolean withSignature) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("v", ChainedEvent.FORM_VERSION);
        form.put("seq", seq);
        form.put("hash", hash);
        form.put("time", ChainedEvent.formatTime(signedAt));
        form.put("key_id", keyId);
        form.put("prev_signature", previousSignature);
        if (withSignature) {
            form.put("signature", signature);
        }
        return form;
    }

    public static Checkpoint fromJson(String json) {
        if (!(CanonicalJson.parse(json) instanceof Map<?, ?> form)) {
            throw new IllegalArgumentException("a checkpoint is a JSON object");
        }
        try {
            return new Checkpoint(((Number) form.get("seq")).longValue(), (String) form.get("hash"),
                    Instant.parse((String) form.get("time")), (String) form.get("key_id"), (String) form.get("prev_signature"),
                    (String) form.get("signature"));
        } catch (ClassCastException | NullPointerException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("a checkpoint needs seq, hash, time, key_id, prev_signature and signature", e);
        }
    }
}
