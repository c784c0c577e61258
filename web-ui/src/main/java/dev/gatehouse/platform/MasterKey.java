package dev.gatehouse.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that seals connection secrets. Its id is a fingerprint, not the key: it is stored
 * next to each ciphertext so that a wrong key is reported as such instead of as corrupt data.
 */
public final class MasterKey {

    public static final int LENGTH_BYTES = 32;

    private final SecretKey key;
    private final String id;
    private final String origin;

    public MasterKey(byte[] material, String origin) {
        if (material == null || material.length != LENGTH_BYTES) {
            throw new MasterKeyException("the master key from " + origin + " must be exactly " + LENGTH_BYTES
                    + " bytes (AES-256), base64-encoded; it has " + (material == null ? 0 : material.length) + " bytes");
        }
        this.key = new SecretKeySpec(material, "AES");
        this.id = fingerprint(material);
        this.origin = origin;
    }

    SecretKey secretKey() {
        return key;
    }

    /** Eight hex digits derived from the key with a domain-separated SHA-256. */
    public String id() {
        return id;
    }

    /** Where the key came from (an environment variable or a file), for start-up messages. */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + id + ", origin=" + origin + "]";
    }

    private static String fingerprint(byte[] material) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("gatehouse-master-key-id".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(material), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
