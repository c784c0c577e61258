package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * PasswordMessage ('p'). The same type byte also carries SASLInitialResponse, SASLResponse and
 * GSSResponse; which one it is depends on the authentication request the server sent, which the
 * decoder does not track, so the body is kept whole in {@link #payload()}.
 *
 * <p>This will carry passwords and bearer tokens, so {@link #toString()} never prints the value
 * and {@link #clear()} lets the handler wipe the copy once used (the raw frame must be released
 * as usual).
 */
public record PasswordMessage(ByteBuf raw, byte[] payload) implements FramedMessage, FrontendMessage {

    public static final char TYPE = 'p';

    /** The password as characters, for cleartext/md5 where the body is a null-terminated string. */
    public char[] password() {
        int end = 0;
        while (end < payload.length && payload[end] != 0) {
            end++;
        }
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(payload, 0, end));
        char[] password = new char[decoded.remaining()];
        decoded.get(password);
        // The decoder's buffer may be larger than the result; wipe it so no second copy lingers.
        if (decoded.hasArray()) {
            Arrays.fill(decoded.array(), '\0');
        }
        return password;
    }

    /** Overwrites the decoded copy of the secret; the raw frame is still released separately. */
    public void clear() {
        Arrays.fill(payload, (byte) 0);
    }

    @Override
    public String toString() {
        return "PasswordMessage[payload=<redacted " + payload.length + " bytes>]";
    }
}
