package dev.gatehouse.proxy.protocol.postgres.upstream;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The answer to AuthenticationMD5Password: {@code "md5" + md5hex(md5hex(password + user) + salt)}.
 *
 * <p>The inner hash is what the server stores, so it is as good as the password for this method:
 * it is built in arrays that are wiped afterwards, never in a String.
 */
final class Md5Challenge {

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Md5Challenge() {
    }

    /** The PasswordMessage payload; the caller wipes the returned array once it is sent. */
    static char[] answer(char[] password, String user, byte[] salt) {
        byte[] passwordBytes = utf8(password);
        byte[] innerHex = null;
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(passwordBytes);
            md5.update(user.getBytes(StandardCharsets.UTF_8));
            innerHex = hex(md5.digest());
            md5.update(innerHex);
            md5.update(salt);
            byte[] outerHex = hex(md5.digest());
            char[] answer = new char[3 + outerHex.length];
            answer[0] = 'm';
            answer[1] = 'd';
            answer[2] = '5';
            for (int i = 0; i < outerHex.length; i++) {
                answer[3 + i] = (char) outerHex[i];
            }
            return answer;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no MD5", e);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
            if (innerHex != null) {
                Arrays.fill(innerHex, (byte) 0);
            }
        }
    }

    private static byte[] hex(byte[] digest) {
        byte[] hex = new byte[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            hex[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xF];
            hex[2 * i + 1] = HEX_DIGITS[digest[i] & 0xF];
        }
        Arrays.fill(digest, (byte) 0);
        return hex;
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }
}
