package dev.gatehouse.proxy.masking;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The digests that tokenization and hashing derive masked values from: HMAC-SHA-256 under a
 * gateway-held key, or plain SHA-256. Each thread keeps its own initialised {@link Mac} per key, so
 * the hot path neither allocates a Mac nor locks. Key material never leaves this class, and
 * messages name a key only by its id.
 */
final class Tokens {

    private static final String HMAC = "HmacSHA256";
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(Tokens::newSha256);
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(HashMap::new);

    Tokens(Map<String, byte[]> keyMaterial) {
        keyMaterial.forEach((id, key) -> {
            if (key != null && key.length > 0) {
                keys.put(id, new SecretKeySpec(key, HMAC));
            }
        });
    }

    /** Whether a Tokenize rule naming this key can run (the key is present and not empty). */
    boolean hasKey(String keyId) {
        return keys.containsKey(keyId);
    }

    /** HMAC-SHA-256 for Tokenize, SHA-256 for Hash, of {@code data[from, to)}. */
    byte[] digest(MaskMethod method, byte[] data, int from, int to) throws UnmaskableValueException {
        if (method instanceof MaskMethod.Tokenize tokenize) {
            Mac mac = mac(tokenize.keyId());
            mac.update(data, from, to - from);
            return mac.doFinal();
        }
        MessageDigest sha = SHA_256.get();
        sha.update(data, from, to - from);
        return sha.digest();
    }

    byte[] digest(MaskMethod method, byte[] data) throws UnmaskableValueException {
        return digest(method, data, 0, data.length);
    }

    private Mac mac(String keyId) throws UnmaskableValueException {
        Map<String, Mac> byKey = macs.get();
        Mac mac = byKey.get(keyId);
        if (mac == null) {
            SecretKeySpec key = keys.get(keyId);
            if (key == null) {
                throw new UnmaskableValueException("tokenization key '" + keyId + "' is not available");
            }
            try {
                mac = Mac.getInstance(HMAC);
                mac.init(key);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
            byKey.put(keyId, mac);
        }
        return mac;
    }

    /** {@code tok_} and 16 base32 characters (80 bits of the MAC): short, and collisions stay negligible. */
    static String tokenText(byte[] mac) {
        StringBuilder out = new StringBuilder(20).append("tok_");
        long bits = 0;
        int available = 0;
        int used = 0;
        while (out.length() < 20) {
            if (available < 5) {
                bits = (bits << 8) | (mac[used++] & 0xff);
                available += 8;
            }
            out.append(BASE32[(int) (bits >>> (available - 5)) & 31]);
            available -= 5;
        }
        return out.toString();
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 15];
            out[2 * i + 1] = HEX[bytes[i] & 15];
        }
        return new String(out);
    }

    /** The first eight bytes of a digest as a number, for tokens of numeric and date types. */
    static long leadingLong(byte[] digest) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        return value;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
