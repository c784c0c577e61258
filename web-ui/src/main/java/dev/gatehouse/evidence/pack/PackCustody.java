package dev.gatehouse.evidence.pack;

import java.security.PublicKey;
import java.time.Instant;

/**
 * What a pack carries so that an examiner can check who signed it, when, and with which key, using
 * {@code sha256sum} and OpenSSL alone.
 *
 * @param signingKey   the public half of the key that signs the manifest
 * @param keyCreatedAt when that key was created (the cover says so when it postdates the period's start)
 * @param timestamper  an RFC 3161 timestamp authority, or null when none is configured (VERIFY.txt then says so)
 */
public record PackCustody(PublicKey signingKey, Instant keyCreatedAt, Timestamper timestamper) {

    public String fingerprint() {
        return KeyFingerprint.sha256(signingKey);
    }
}
