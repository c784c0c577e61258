package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/**
 * Extra authentication data (header 0x01): caching_sha2_password's fast-auth result (3 success, 4
 * full authentication needed) or the server's RSA public key.
 */
public record AuthMoreData(byte[] data, ByteBuf raw) implements MySqlMessage {

    @Override
    public String toString() {
        return "AuthMoreData[" + data.length + " bytes]";
    }
}
