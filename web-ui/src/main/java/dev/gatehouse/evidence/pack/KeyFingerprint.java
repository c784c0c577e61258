package dev.gatehouse.evidence.pack;

import dev.gatehouse.proxy.audit.Digests;
import java.security.PublicKey;
import java.util.Base64;

/**
 * The signing key as an examiner checks it with OpenSSL alone: the full SHA-256 over the key's
 * SubjectPublicKeyInfo (DER), which {@code openssl pkey -pubin -in key.pem -outform DER | sha256sum}
 * prints too, and the key as PEM.
 */
public final class KeyFingerprint {

    private KeyFingerprint() {
    }

    /** 64 lowercase hex digits, as sha256sum prints them. */
    public static String sha256(PublicKey key) {
        return Digests.sha256Hex(key.getEncoded());
    }

    public static String pem(PublicKey key) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }
}
