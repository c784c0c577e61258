package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** COM_INIT_DB: change the default database (only the connection's database is allowed through the gateway). */
public record ComInitDb(String database, ByteBuf raw) implements MySqlMessage {
}
