package dev.gatehouse.proxy.protocol.mysql.codec;

import dev.gatehouse.proxy.protocol.mysql.message.AuthResponse;
import dev.gatehouse.proxy.protocol.mysql.message.Capabilities;
import dev.gatehouse.proxy.protocol.mysql.message.Command;
import dev.gatehouse.proxy.protocol.mysql.message.CommandType;
import dev.gatehouse.proxy.protocol.mysql.message.ComChangeUser;
import dev.gatehouse.proxy.protocol.mysql.message.ComInitDb;
import dev.gatehouse.proxy.protocol.mysql.message.ComProcessKill;
import dev.gatehouse.proxy.protocol.mysql.message.ComQuery;
import dev.gatehouse.proxy.protocol.mysql.message.ComSetOption;
import dev.gatehouse.proxy.protocol.mysql.message.ComStmtClose;
import dev.gatehouse.proxy.protocol.mysql.message.ComStmtExecute;
import dev.gatehouse.proxy.protocol.mysql.message.ComStmtFetch;
import dev.gatehouse.proxy.protocol.mysql.message.ComStmtPrepare;
import dev.gatehouse.proxy.protocol.mysql.message.ComStmtSendLongData;
import dev.gatehouse.proxy.protocol.mysql.message.HandshakeResponse;
import dev.gatehouse.proxy.protocol.mysql.message.LocalInfileData;
import dev.gatehouse.proxy.protocol.mysql.message.MySqlProtocolViolation;
import dev.gatehouse.proxy.protocol.mysql.message.SslRequest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Map;

/**
 * Client → gateway. A state machine the session drives:
 * <ol>
 * <li>{@code HANDSHAKE}: one packet with sequence id 1 (after the gateway's greeting): the
 *     SSLRequest (then TLS, then the handshake response with id 2) or HandshakeResponse41.</li>
 * <li>{@code TLS_PENDING}: after an SSLRequest. A MySQL client starts its TLS handshake right away,
 *     without waiting for an answer, so its ClientHello may arrive in the same read: the decoder
 *     never reads those bytes as plaintext; the session takes them with {@link #bytesForTls()} and
 *     feeds them to the SslHandler it puts in front.</li>
 * <li>{@code WAITING}: the client must wait for the gateway's answer; any byte is a violation.</li>
 * <li>{@code AUTH}: one authentication packet with the sequence id the session expects.</li>
 * <li>{@code COMMAND}: commands, each starting at sequence id 0, pipelined or not.</li>
 * <li>{@code LOCAL_INFILE}: a file the client sends after the server asked for it, up to the empty packet.</li>
 * </ol>
 * Every failure is one {@link MySqlProtocolViolation} result, after which all input is discarded.
 */
public final class MySqlFrontendDecoder extends ByteToMessageDecoder {

    /** Handshake responses carry tokens of a few KiB and connection attributes; far more is not a login. */
    public static final int DEFAULT_MAX_HANDSHAKE = 64 * 1024;
    /** MariaDB's default max_allowed_packet. */
    public static final int DEFAULT_MAX_COMMAND = 16 * 1024 * 1024;

    enum Phase { HANDSHAKE, TLS_PENDING, WAITING, AUTH, COMMAND, LOCAL_INFILE, DISCARDING }

    private final int maxHandshake;
    private final long maxCommand;
    private Phase phase = Phase.HANDSHAKE;
    private int sequence = 1;
    private long capabilities;

    public MySqlFrontendDecoder() {
        this(DEFAULT_MAX_HANDSHAKE, DEFAULT_MAX_COMMAND);
    }

    public MySqlFrontendDecoder(int maxHandshake, long maxCommand) {
        this.maxHandshake = maxHandshake;
        this.maxCommand = maxCommand;
    }

    /** After an SSLRequest, once the SslHandler is in front: the handshake response follows with the next sequence id. */
    public void expectHandshakeAfterTls() {
        phase = Phase.HANDSHAKE;
    }

    /**
     * The bytes that arrived after the SSLRequest (the start of the client's TLS handshake), taken out
     * of this decoder: the caller feeds them to its SslHandler. Empty when nothing more has arrived.
     */
    public ByteBuf bytesForTls() {
        ByteBuf buffered = internalBuffer();
        return buffered.isReadable() ? buffered.readRetainedSlice(buffered.readableBytes()) : io.netty.buffer.Unpooled.EMPTY_BUFFER;
    }

    /** The gateway sent an auth switch or more-data packet with {@code serverSequence}: the client answers with the next. */
    public void expectAuthResponse(int serverSequence) {
        phase = Phase.AUTH;
        sequence = (serverSequence + 1) & 0xFF;
    }

    /** Logged in (or a command answered): commands from now on. */
    public void expectCommands() {
        phase = Phase.COMMAND;
    }

    /** The server asked for a local file with a packet of {@code serverSequence}: the file follows. */
    public void expectLocalInfile(int serverSequence) {
        phase = Phase.LOCAL_INFILE;
        sequence = (serverSequence + 1) & 0xFF;
    }

    /** The capabilities the client announced in its handshake response (0 before). */
    public long clientCapabilities() {
        return capabilities;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (phase == Phase.DISCARDING) {
                in.skipBytes(in.readableBytes());
                return;
            }
            if (phase == Phase.TLS_PENDING) {
                return; // TLS records: left for bytesForTls(), never decoded as plaintext
            }
            if (phase == Phase.WAITING) {
                fail(in, out, MySqlProtocolViolation.malformed("a packet before the server answered the last one"));
                return;
            }
            PacketFramer.Frame frame;
            try {
                frame = PacketFramer.next(in, phase == Phase.COMMAND ? 0 : sequence, phase == Phase.HANDSHAKE ? maxHandshake : maxCommand);
            } catch (PacketFramer.Violation violation) {
                fail(in, out, phase == Phase.HANDSHAKE ? handshakeError(violation.violation.message()) : violation.violation);
                return;
            }
            if (frame == null) {
                return;
            }
            boolean handedOut = false;
            try {
                Object message = parse(frame);
                sequence = frame.nextSequence();
                out.add(message);
                handedOut = true;
            } catch (MalformedPacketException malformed) {
                fail(in, out, phase == Phase.HANDSHAKE ? handshakeError(malformed.getMessage())
                        : MySqlProtocolViolation.malformed(malformed.getMessage()));
                return;
            } finally {
                frame.releasePayloadCopy();
                if (!handedOut) {
                    frame.raw().release();
                }
            }
        }
    }

    private Object parse(PacketFramer.Frame frame) throws MalformedPacketException {
        ByteBuf payload = frame.payload();
        ByteBuf raw = frame.raw();
        switch (phase) {
            case HANDSHAKE -> {
                Object message = handshake(payload, raw);
                phase = message instanceof SslRequest ? Phase.TLS_PENDING : Phase.WAITING;
                return message;
            }
            case AUTH -> {
                phase = Phase.WAITING;
                return new AuthResponse(MySqlWire.bytes(payload, payload.readableBytes()), raw);
            }
            case LOCAL_INFILE -> {
                boolean last = !payload.isReadable();
                if (last) {
                    phase = Phase.WAITING;
                }
                return new LocalInfileData(last, raw);
            }
            default -> {
                return command(payload, raw);
            }
        }
    }

    private Object handshake(ByteBuf payload, ByteBuf raw) throws MalformedPacketException {
        long caps = MySqlWire.int4(payload);
        if (!Capabilities.has(caps, Capabilities.PROTOCOL_41)) {
            throw new MalformedPacketException("the client does not speak protocol 4.1");
        }
        int maxPacket = (int) MySqlWire.int4(payload);
        int collation = MySqlWire.int1(payload);
        MySqlWire.need(payload, 23);
        payload.skipBytes(19);
        long mariaDb = MySqlWire.int4(payload); // MariaDB's extended capabilities, zero from MySQL clients
        caps |= mariaDb << Capabilities.MARIADB_SHIFT;
        capabilities = caps;
        if (!payload.isReadable()) {
            if (!Capabilities.has(caps, Capabilities.SSL)) {
                throw new MalformedPacketException("an SSLRequest without the SSL capability");
            }
            return new SslRequest(caps, maxPacket, collation, raw);
        }
        String user = MySqlWire.nulString(payload);
        byte[] auth;
        if (Capabilities.has(caps, Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            auth = MySqlWire.lenencBytes(payload);
        } else if (Capabilities.has(caps, Capabilities.SECURE_CONNECTION)) {
            auth = MySqlWire.bytes(payload, MySqlWire.int1(payload));
        } else {
            auth = MySqlWire.nulBytes(payload);
        }
        String database = Capabilities.has(caps, Capabilities.CONNECT_WITH_DB) && payload.isReadable() ? MySqlWire.nulString(payload) : null;
        String plugin = Capabilities.has(caps, Capabilities.PLUGIN_AUTH) && payload.isReadable() ? MySqlWire.nulString(payload) : null;
        Map<String, String> attributes = Capabilities.has(caps, Capabilities.CONNECT_ATTRS) && payload.isReadable()
                ? MySqlWire.attributes(payload) : Map.of();
        return new HandshakeResponse(caps, maxPacket, collation, user, auth, database, plugin, attributes, raw);
    }

    private Object command(ByteBuf payload, ByteBuf raw) throws MalformedPacketException {
        int code = MySqlWire.int1(payload);
        CommandType type = CommandType.of(code);
        if (type == null) {
            return new Command(null, code, raw);
        }
        return switch (type) {
            case QUERY -> new ComQuery(MySqlWire.restString(payload), raw);
            case INIT_DB -> new ComInitDb(MySqlWire.restString(payload), raw);
            case STMT_PREPARE -> new ComStmtPrepare(MySqlWire.restString(payload), raw);
            case STMT_EXECUTE -> new ComStmtExecute(MySqlWire.int4(payload), MySqlWire.int1(payload), MySqlWire.int4(payload), raw);
            case STMT_FETCH -> new ComStmtFetch(MySqlWire.int4(payload), MySqlWire.int4(payload), raw);
            case STMT_SEND_LONG_DATA -> new ComStmtSendLongData(MySqlWire.int4(payload), MySqlWire.int2(payload), payload.readableBytes(), raw);
            case STMT_CLOSE, STMT_RESET -> new ComStmtClose(type, MySqlWire.int4(payload), raw);
            case PROCESS_KILL -> new ComProcessKill(MySqlWire.int4(payload), raw);
            case SET_OPTION -> new ComSetOption(MySqlWire.int2(payload), raw);
            case CHANGE_USER -> changeUser(payload, raw);
            default -> new Command(type, code, raw);
        };
    }

    private ComChangeUser changeUser(ByteBuf payload, ByteBuf raw) throws MalformedPacketException {
        String user = MySqlWire.nulString(payload);
        byte[] auth = Capabilities.has(capabilities, Capabilities.SECURE_CONNECTION)
                ? MySqlWire.bytes(payload, MySqlWire.int1(payload)) : MySqlWire.nulBytes(payload);
        String database = MySqlWire.nulString(payload);
        int collation = payload.readableBytes() >= 2 ? MySqlWire.int2(payload) : 0;
        String plugin = Capabilities.has(capabilities, Capabilities.PLUGIN_AUTH) && payload.isReadable() ? MySqlWire.nulString(payload) : null;
        Map<String, String> attributes = Capabilities.has(capabilities, Capabilities.CONNECT_ATTRS) && payload.isReadable()
                ? MySqlWire.attributes(payload) : Map.of();
        return new ComChangeUser(user, auth, database, collation, plugin, attributes, raw);
    }

    private static MySqlProtocolViolation handshakeError(String message) {
        return new MySqlProtocolViolation("bad handshake: " + message, MySqlProtocolViolation.HANDSHAKE_ERROR, "08S01");
    }

    private void fail(ByteBuf in, List<Object> out, MySqlProtocolViolation violation) {
        in.skipBytes(in.readableBytes());
        phase = Phase.DISCARDING;
        out.add(violation);
    }
}
