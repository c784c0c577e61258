package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** The 32-byte SSLRequest a client sends instead of its handshake response when it wants TLS first. */
public record SslRequest(long capabilities, int maxPacketSize, int collation, ByteBuf raw) implements MySqlMessage {
}
