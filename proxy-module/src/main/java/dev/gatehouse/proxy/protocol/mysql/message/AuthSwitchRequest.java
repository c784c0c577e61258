package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/** The server asks for another auth plugin (header 0xFE) with new plugin data (usually a fresh scramble). */
public record AuthSwitchRequest(String plugin, byte[] data, ByteBuf raw) implements MySqlMessage {

    @Override
    public String toString() {
        return "AuthSwitchRequest[plugin=" + plugin + ", data=" + data.length + " bytes]";
    }
}
