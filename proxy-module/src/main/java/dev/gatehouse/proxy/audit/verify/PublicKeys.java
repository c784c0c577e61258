package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.Checkpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint keys an examiner trusts. They always come from a file the examiner holds, never
 * from the database under examination: whoever can rewrite the audit tables could also swap the
 * keys stored beside them.
 *
 * <p>Two file forms are read: the JSON document {@code /api/v1/audit/public-key} serves
 * ({@code {"keys":[{"key_id":..,"algorithm":"Ed25519","public_key":<base64 DER>,..}]}}), and PEM
 * {@code PUBLIC KEY} blocks, which carry no key id; a checkpoint then verifies if any of them verifies it.
 */
public final class PublicKeys {

    /** One key; {@code keyId} is null for a key read from PEM. */
    public record TrustedKey(String keyId, PublicKey key, Instant createdAt, Instant retiredAt) {
    }

    /** What checking one checkpoint's signature found. */
    public enum SignatureCheck {
        VALID, UNKNOWN_KEY, BAD_SIGNATURE, SIGNED_AFTER_RETIREMENT
    }

    private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PEM_END = "-----END PUBLIC KEY-----";

    private final List<TrustedKey> keys;

    private PublicKeys(List<TrustedKey> keys) {
        this.keys = List.copyOf(keys);
    }

    public static PublicKeys of(List<TrustedKey> keys) {
        return new PublicKeys(keys);
    }

    public static PublicKeys read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Reads either form; throws IllegalArgumentException naming what is wrong. */
    public static PublicKeys parse(String text) {
        PublicKeys parsed = text.contains(PEM_BEGIN) ? fromPem(text) : fromJson(text);
        if (parsed.keys.isEmpty()) {
            throw new IllegalArgumentException("the key file holds no public key");
        }
        return parsed;
    }

    public List<TrustedKey> keys() {
        return keys;
    }

    public SignatureCheck check(Checkpoint checkpoint) {
        for (TrustedKey trusted : keys) {
            if (trusted.keyId() != null && trusted.keyId().equals(checkpoint.keyId())) {
                if (!checkpoint.verifiedBy(trusted.key())) {
                    return SignatureCheck.BAD_SIGNATURE;
                }
                // A retired key's private half may have leaked since; a signature made afterwards proves nothing.
                boolean afterRetirement = trusted.retiredAt() != null && checkpoint.signedAt().isAfter(trusted.retiredAt());
                return afterRetirement ? SignatureCheck.SIGNED_AFTER_RETIREMENT : SignatureCheck.VALID;
            }
        }
        boolean anyWithoutId = false;
        for (TrustedKey trusted : keys) {
            if (trusted.keyId() == null) {
                anyWithoutId = true;
                if (checkpoint.verifiedBy(trusted.key())) {
                    return SignatureCheck.VALID;
                }
            }
        }
        return anyWithoutId ? SignatureCheck.BAD_SIGNATURE : SignatureCheck.UNKNOWN_KEY;
    }

    /** The JSON form; PEM keys are written with a null key id. */
    public String toJson() {
        List<Object> list = new ArrayList<>();
        for (TrustedKey trusted : keys) {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("key_id", trusted.keyId());
            key.put("algorithm", Checkpoint.ALGORITHM);
            key.put("public_key", Base64.getEncoder().encodeToString(trusted.key().getEncoded()));
            key.put("created_at", trusted.createdAt() == null ? null : trusted.createdAt().toString());
            key.put("retired_at", trusted.retiredAt() == null ? null : trusted.retiredAt().toString());
            list.add(key);
        }
        return CanonicalJson.write(Map.of("keys", list));
    }

    private static PublicKeys fromPem(String text) {
        List<TrustedKey> keys = new ArrayList<>();
        int at = text.indexOf(PEM_BEGIN);
        while (at >= 0) {
            int end = text.indexOf(PEM_END, at);
            if (end < 0) {
                throw new IllegalArgumentException("a PEM block has no " + PEM_END + " line");
            }
            String body = text.substring(at + PEM_BEGIN.length(), end);
            keys.add(new TrustedKey(null, decode(Base64.getMimeDecoder().decode(body)), null, null));
            at = text.indexOf(PEM_BEGIN, end);
        }
        return new PublicKeys(keys);
    }

    private static PublicKeys fromJson(String text) {
        if (!(CanonicalJson.parse(text) instanceof Map<?, ?> document) || !(document.get("keys") instanceof List<?> entries)) {
            throw new IllegalArgumentException("a key file is PEM or a JSON object with a \"keys\" array");
        }
        List<TrustedKey> keys = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> key)) {
                throw new IllegalArgumentException("every entry of \"keys\" is an object");
            }
            keys.add(keyOf(key));
        }
        return new PublicKeys(keys);
    }

    private static TrustedKey keyOf(Map<?, ?> key) {
        if (!(key.get("key_id") instanceof String id) || id.isBlank()) {
            throw new IllegalArgumentException("every key needs a key_id");
        }
        if (!Checkpoint.ALGORITHM.equals(key.get("algorithm"))) {
            throw new IllegalArgumentException("key " + id + " is not " + Checkpoint.ALGORITHM);
        }
        if (!(key.get("public_key") instanceof String encoded)) {
            throw new IllegalArgumentException("key " + id + " has no public_key");
        }
        try {
            return new TrustedKey(id, decode(Base64.getDecoder().decode(encoded)), instant(key.get("created_at")), instant(key.get("retired_at")));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("key " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Object value) {
        return value instanceof String text ? Instant.parse(text) : null;
    }

    private static PublicKey decode(byte[] der) {
        try {
            return KeyFactory.getInstance(Checkpoint.ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an " + Checkpoint.ALGORITHM + " public key (X.509 SubjectPublicKeyInfo)", e);
        }
    }
}
