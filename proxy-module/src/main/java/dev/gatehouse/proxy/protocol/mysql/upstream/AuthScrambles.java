package dev.gatehouse.proxy.protocol.mysql.upstream;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * The answers MySQL's password plugins expect, computed from the secret and the server's scramble.
 * Intermediate digests are wiped; callers wipe what they get back once it is written.
 */
final class AuthScrambles {

    static final String NATIVE = "mysql_native_password";
    static final String CACHING_SHA2 = "caching_sha2_password";
    static final String ED25519 = "client_ed25519";
    static final String CLEAR = "mysql_clear_password";

    private AuthScrambles() {
    }

    /** mysql_native_password: SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))); empty for an empty password. */
    static byte[] nativePassword(byte[] password, byte[] scramble) {
        if (password.length == 0) {
            return new byte[0];
        }
        MessageDigest sha1 = digest("SHA-1");
        byte[] stage1 = sha1.digest(password);
        byte[] stage2 = sha1.digest(stage1);
        sha1.update(salt(scramble));
        sha1.update(stage2);
        byte[] result = xor(stage1, sha1.digest());
        Arrays.fill(stage1, (byte) 0);
        return result;
    }

    /** caching_sha2_password's fast path: SHA256(password) XOR SHA256(SHA256(SHA256(password)) + scramble). */
    static byte[] cachingSha2(byte[] password, byte[] scramble) {
        if (password.length == 0) {
            return new byte[0];
        }
        MessageDigest sha256 = digest("SHA-256");
        byte[] stage1 = sha256.digest(password);
        byte[] stage2 = sha256.digest(stage1);
        sha256.update(stage2);
        sha256.update(salt(scramble));
        byte[] result = xor(stage1, sha256.digest());
        Arrays.fill(stage1, (byte) 0);
        return result;
    }

    /** The password followed by NUL: what full authentication sends over TLS, and mysql_clear_password. */
    static byte[] nulTerminated(byte[] password) {
        return Arrays.copyOf(password, password.length + 1);
    }

    /**
     * caching_sha2_password's full authentication without TLS: (password + NUL) XOR the scramble,
     * encrypted with the server's RSA public key (OAEP, as MySQL 8.0.5+ expects).
     */
    static byte[] rsaEncrypted(byte[] password, byte[] scramble, String publicKeyPem) throws GeneralSecurityException {
        byte[] plain = nulTerminated(password);
        byte[] salt = salt(scramble);
        for (int i = 0; i < plain.length; i++) {
            plain[i] ^= salt[i % salt.length];
        }
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            cipher.init(Cipher.ENCRYPT_MODE, publicKey(publicKeyPem));
            return cipher.doFinal(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    static PublicKey publicKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    static byte[] utf8(char[] password) {
        return new String(password).getBytes(StandardCharsets.UTF_8);
    }

    /** The 20 bytes of salt: servers send it NUL-terminated in auth switch requests. */
    static byte[] salt(byte[] scramble) {
        return scramble.length > 20 && scramble[scramble.length - 1] == 0 ? Arrays.copyOf(scramble, scramble.length - 1) : scramble;
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }
}
