package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/**
 * Handshake v10, the server's first packet: its version, the connection id, the 20-byte scramble
 * (salt) the auth plugins answer, capabilities (MariaDB's extended ones in the upper 32 bits) and
 * the default auth plugin. The gateway writes its own to clients and reads the target's.
 */
public record ServerGreeting(int protocolVersion, String serverVersion, long connectionId, byte[] scramble, long capabilities,
        int collation, int status, String authPlugin, ByteBuf raw) implements MySqlMessage {

    public boolean mariaDb() {
        return serverVersion.contains("MariaDB");
    }

    @Override
    public String toString() {
        return "ServerGreeting[version=" + serverVersion + ", connectionId=" + connectionId + ", capabilities=0x"
                + Long.toHexString(capabilities) + ", authPlugin=" + authPlugin + "]";
    }
}
