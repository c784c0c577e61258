package dev.gatehouse.proxy.protocol.mysql.codec;

import dev.gatehouse.proxy.protocol.mysql.message.Capabilities;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The packets the gateway writes itself: towards clients its own greeting, OK, ERR, EOF and the
 * authentication requests; towards the target the handshake response, SSLRequest, authentication
 * data and commands. Payloads of 16 MiB or more are split into continuation packets.
 */
public final class MySqlPackets {

    /** utf8mb4_general_ci: the gateway reads and writes UTF-8. */
    public static final int UTF8MB4_GENERAL_CI = 45;

    private MySqlPackets() {
    }

    /** Wraps a payload into packets starting at {@code sequence}; releases {@code payload}. */
    public static ByteBuf packets(ByteBufAllocator alloc, int sequence, ByteBuf payload) {
        try {
            int length = payload.readableBytes();
            ByteBuf out = alloc.buffer(length + 4 * (length / PacketFramer.MAX_PAYLOAD + 1));
            int seq = sequence;
            while (true) {
                int chunk = Math.min(PacketFramer.MAX_PAYLOAD, payload.readableBytes());
                out.writeMediumLE(chunk).writeByte(seq & 0xFF);
                out.writeBytes(payload, chunk);
                seq++;
                if (chunk < PacketFramer.MAX_PAYLOAD) {
                    return out;
                }
            }
        } finally {
            payload.release();
        }
    }

    /**
     * Handshake v10 from the gateway: protocol 10, its version string, its own connection id, a fresh
     * 20-byte scramble, capabilities (MariaDB's in the upper 32 bits) and the default auth plugin.
     */
    public static ByteBuf greeting(ByteBufAllocator alloc, String serverVersion, long connectionId, byte[] scramble,
            long capabilities, int collation, int status, String authPlugin) {
        if (scramble.length != 20) {
            throw new IllegalArgumentException("the scramble has 20 bytes");
        }
        ByteBuf p = alloc.buffer(128);
        p.writeByte(10);
        MySqlWire.writeNulString(p, serverVersion);
        p.writeIntLE((int) connectionId);
        p.writeBytes(scramble, 0, 8).writeByte(0);
        p.writeShortLE((int) capabilities);
        p.writeByte(collation);
        p.writeShortLE(status);
        p.writeShortLE((int) (capabilities >>> 16));
        p.writeByte(21);
        p.writeZero(6);
        p.writeIntLE((int) (capabilities >>> Capabilities.MARIADB_SHIFT));
        p.writeBytes(scramble, 8, 12).writeByte(0);
        MySqlWire.writeNulString(p, authPlugin);
        return packets(alloc, 0, p);
    }

    public static ByteBuf ok(ByteBufAllocator alloc, int sequence, long affectedRows, long lastInsertId, int status, int warnings) {
        ByteBuf p = alloc.buffer(16);
        p.writeByte(0x00);
        MySqlWire.writeLenenc(p, affectedRows);
        MySqlWire.writeLenenc(p, lastInsertId);
        p.writeShortLE(status).writeShortLE(warnings);
        return packets(alloc, sequence, p);
    }

    /** ERR with a SQLSTATE; the message is the user contract, so it is written as given (UTF-8). */
    public static ByteBuf err(ByteBufAllocator alloc, int sequence, int code, String sqlState, String message) {
        if (sqlState.length() != 5) {
            throw new IllegalArgumentException("SQLSTATE has 5 characters: " + sqlState);
        }
        ByteBuf p = alloc.buffer(16 + message.length() * 3);
        p.writeByte(0xFF).writeShortLE(code).writeByte('#');
        p.writeCharSequence(sqlState, StandardCharsets.US_ASCII);
        p.writeCharSequence(message, StandardCharsets.UTF_8);
        return packets(alloc, sequence, p);
    }

    public static ByteBuf eof(ByteBufAllocator alloc, int sequence, int warnings, int status) {
        ByteBuf p = alloc.buffer(5);
        p.writeByte(0xFE).writeShortLE(warnings).writeShortLE(status);
        return packets(alloc, sequence, p);
    }

    /** Asks the client to authenticate with another plugin (mysql_clear_password: no data). */
    public static ByteBuf authSwitch(ByteBufAllocator alloc, int sequence, String plugin, byte[] data) {
        ByteBuf p = alloc.buffer(2 + plugin.length() + data.length);
        p.writeByte(0xFE);
        MySqlWire.writeNulString(p, plugin);
        p.writeBytes(data);
        return packets(alloc, sequence, p);
    }

    /** More authentication data (caching_sha2_password: 3 fast auth done, 4 full authentication needed). */
    public static ByteBuf authMoreData(ByteBufAllocator alloc, int sequence, byte[] data) {
        ByteBuf p = alloc.buffer(1 + data.length);
        p.writeByte(0x01).writeBytes(data);
        return packets(alloc, sequence, p);
    }

    /** HandshakeResponse41 towards the target; the auth response is length-encoded (PLUGIN_AUTH_LENENC_CLIENT_DATA). */
    public static ByteBuf handshakeResponse(ByteBufAllocator alloc, int sequence, long capabilities, int collation, String user,
            byte[] authResponse, String database, String authPlugin, Map<String, String> attributes) {
        ByteBuf p = alloc.buffer(128 + authResponse.length);
        p.writeIntLE((int) capabilities);
        p.writeIntLE(16 * 1024 * 1024);
        p.writeByte(collation);
        p.writeZero(19);
        p.writeIntLE((int) (capabilities >>> Capabilities.MARIADB_SHIFT));
        MySqlWire.writeNulString(p, user);
        MySqlWire.writeLenencBytes(p, authResponse);
        if (Capabilities.has(capabilities, Capabilities.CONNECT_WITH_DB)) {
            MySqlWire.writeNulString(p, database == null ? "" : database);
        }
        if (Capabilities.has(capabilities, Capabilities.PLUGIN_AUTH)) {
            MySqlWire.writeNulString(p, authPlugin);
        }
        if (Capabilities.has(capabilities, Capabilities.CONNECT_ATTRS)) {
            ByteBuf block = alloc.buffer();
            try {
                attributes.forEach((key, value) -> {
                    MySqlWire.writeLenencString(block, key);
                    MySqlWire.writeLenencString(block, value);
                });
                MySqlWire.writeLenenc(p, block.readableBytes());
                p.writeBytes(block);
            } finally {
                block.release();
            }
        }
        return packets(alloc, sequence, p);
    }

    public static ByteBuf sslRequest(ByteBufAllocator alloc, int sequence, long capabilities, int collation) {
        ByteBuf p = alloc.buffer(32);
        p.writeIntLE((int) (capabilities | Capabilities.SSL));
        p.writeIntLE(16 * 1024 * 1024);
        p.writeByte(collation);
        p.writeZero(19);
        p.writeIntLE((int) (capabilities >>> Capabilities.MARIADB_SHIFT));
        return packets(alloc, sequence, p);
    }

    /** Raw authentication data (a scramble answer, a password, a public-key request). */
    public static ByteBuf authData(ByteBufAllocator alloc, int sequence, byte[] data) {
        ByteBuf p = alloc.buffer(data.length);
        p.writeBytes(data);
        return packets(alloc, sequence, p);
    }

    /** A command with a text argument (COM_QUERY, COM_INIT_DB, COM_STMT_PREPARE) at sequence id 0. */
    public static ByteBuf command(ByteBufAllocator alloc, int command, String argument) {
        ByteBuf p = alloc.buffer(1 + argument.length() * 3);
        p.writeByte(command);
        p.writeCharSequence(argument, StandardCharsets.UTF_8);
        return packets(alloc, 0, p);
    }
}
