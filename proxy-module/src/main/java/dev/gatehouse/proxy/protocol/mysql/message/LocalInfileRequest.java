package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** The server's request (header 0xFB) for a client file named in LOAD DATA LOCAL INFILE. */
public record LocalInfileRequest(String fileName, ByteBuf raw) implements MySqlMessage {
}
