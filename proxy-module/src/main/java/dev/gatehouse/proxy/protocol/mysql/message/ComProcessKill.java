package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** COM_PROCESS_KILL: kill a connection by id (the gateway's own ids, mapped to the target's by the session). */
public record ComProcessKill(long connectionId, ByteBuf raw) implements MySqlMessage {
}
