package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/**
 * A client packet inside the authentication exchange: the answer to an auth switch, a cleartext
 * password (mysql_clear_password, caching_sha2_password's full authentication over TLS), a request
 * for the server's RSA key. Its bytes are a secret: redacted in {@link #toString()}, wiped by {@link #clear()}.
 */
public record AuthResponse(byte[] data, ByteBuf raw) implements MySqlMessage {

    public void clear() {
        Secrets.wipe(data);
    }

    /** The data of mysql_clear_password and of caching_sha2 over TLS: the password followed by one NUL. */
    public byte[] withoutTrailingNul() {
        int end = data.length > 0 && data[data.length - 1] == 0 ? data.length - 1 : data.length;
        return java.util.Arrays.copyOf(data, end);
    }

    @Override
    public String toString() {
        return "AuthResponse[" + Secrets.redacted(data) + "]";
    }
}
