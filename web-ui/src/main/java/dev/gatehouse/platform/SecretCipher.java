package dev.gatehouse.platform;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals secrets with AES-256-GCM. The stored form is {@code gh1:<key id>:<base64(nonce | ciphertext+tag)>}:
 * the version prefix leaves room for another scheme, and the key id lets a key rotation find what
 * still needs re-sealing. The associated data binds a ciphertext to its purpose, so a sealed
 * connection secret cannot be replayed into some other sealed field.
 */
public final class SecretCipher {

    private static final String PREFIX = "gh1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MasterKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(MasterKey key) {
        this.key = key;
    }

    public String seal(String plaintext, String purpose) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
            return PREFIX + ":" + key.id() + ":" + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    public String open(String stored, String purpose) {
        byte[] plain = openBytes(stored, purpose);
        try {
            return new String(plain, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * The same as {@link #open} but as a char array the caller can wipe after use; the data path
     * holds a target's password only for the moment it authenticates upstream.
     */
    public char[] openChars(String stored, String purpose) {
        byte[] plain = openBytes(stored, purpose);
        CharBuffer chars = null;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(plain));
            return Arrays.copyOf(chars.array(), chars.limit());
        } catch (CharacterCodingException e) {
            throw new MasterKeyException("a stored secret is not valid UTF-8 text", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
            if (chars != null) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    private byte[] openBytes(String stored, String purpose) {
        String[] parts = stored == null ? new String[0] : stored.split(":", 3);
        if (parts.length != 3 || !PREFIX.equals(parts[0])) {
            throw new MasterKeyException("a stored secret is not in the gh1 format; it cannot be decrypted");
        }
        if (!parts[1].equals(key.id())) {
            throw new MasterKeyException("a stored secret was sealed with master key " + parts[1]
                    + " but the configured key is " + key.id() + " (" + key.origin() + ")");
        }
        byte[] raw = Base64.getDecoder().decode(parts[2]);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new MasterKeyException("a stored secret failed its integrity check: it was altered or sealed for another purpose", e);
        }
    }

    public String keyId() {
        return key.id();
    }
}
