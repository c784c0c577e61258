package dev.gatehouse.proxy.protocol.mysql.codec;

import dev.gatehouse.proxy.protocol.mysql.message.AuthMoreData;
import dev.gatehouse.proxy.protocol.mysql.message.AuthSwitchRequest;
import dev.gatehouse.proxy.protocol.mysql.message.Capabilities;
import dev.gatehouse.proxy.protocol.mysql.message.ColumnCount;
import dev.gatehouse.proxy.protocol.mysql.message.ColumnDefinition;
import dev.gatehouse.proxy.protocol.mysql.message.EofPacket;
import dev.gatehouse.proxy.protocol.mysql.message.ErrPacket;
import dev.gatehouse.proxy.protocol.mysql.message.LocalInfileRequest;
import dev.gatehouse.proxy.protocol.mysql.message.MySqlProtocolViolation;
import dev.gatehouse.proxy.protocol.mysql.message.OkPacket;
import dev.gatehouse.proxy.protocol.mysql.message.PrepareOk;
import dev.gatehouse.proxy.protocol.mysql.message.ResultRow;
import dev.gatehouse.proxy.protocol.mysql.message.ServerGreeting;
import dev.gatehouse.proxy.protocol.mysql.message.UnknownServerPacket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * Server → gateway. A MySQL server's packets only make sense for the request they answer (a 0x00
 * is an OK after COM_QUERY but a binary row inside a COM_STMT_EXECUTE result), so whoever writes a
 * request to the server first tells the decoder what it asked ({@link #expect}); answers come in
 * order. Within one answer the decoder follows the result-set grammar: column count, column
 * definitions, EOF unless CLIENT_DEPRECATE_EOF, rows, the closing EOF or OK, and the next result set
 * while SERVER_MORE_RESULTS_EXISTS is set. Sequence ids must climb by one through an answer.
 */
public final class MySqlBackendDecoder extends ByteToMessageDecoder {

    /** What a request will be answered with. */
    public enum Answer {
        /** The server's first packet: a greeting or an ERR. */
        GREETING,
        /** One packet of the login exchange: OK, ERR, auth switch or more data. */
        AUTH,
        /** OK or ERR (COM_PING, COM_INIT_DB, COM_RESET_CONNECTION, COM_STMT_RESET, COM_PROCESS_KILL, COM_SET_OPTION). */
        OK,
        /** COM_QUERY: result sets with text rows, OKs, LOCAL INFILE requests. */
        TEXT_RESULT,
        /** COM_STMT_EXECUTE: result sets with binary rows, or OK. */
        BINARY_RESULT,
        /** COM_STMT_FETCH: binary rows and the closing EOF/OK. */
        FETCH,
        /** COM_STMT_PREPARE: prepare OK, parameter and column definitions. */
        PREPARE,
        /** COM_STATISTICS: one text packet. */
        STATISTICS
    }

    /** MySQL allows 1 GiB packets; a target sending more is broken or hostile. */
    public static final long DEFAULT_MAX_MESSAGE = 1L << 30;

    private enum Step { FIRST, COLUMNS, COLUMNS_EOF, ROWS, PARAMS, PARAMS_EOF, PREPARED_COLUMNS, PREPARED_COLUMNS_EOF }

    private record Expected(Answer answer, int firstSequence) {
    }

    private final Queue<Expected> expected = new ArrayDeque<>();
    private final long maxMessage;
    private long capabilities;
    private boolean discarding;
    private Step step = Step.FIRST;
    private long left;
    private int preparedColumns;
    private int sequence = -1;
    /** An answer is under way: its next packet continues the sequence. */
    private boolean answering;

    public MySqlBackendDecoder() {
        this(DEFAULT_MAX_MESSAGE);
    }

    public MySqlBackendDecoder(long maxMessage) {
        this.maxMessage = maxMessage;
    }

    /** The capabilities both sides agreed on (DEPRECATE_EOF and SESSION_TRACK change the packets). */
    public void capabilities(long agreed) {
        this.capabilities = agreed;
    }

    /** A request was written whose answer starts with sequence id {@code firstSequence} (1 after a command). */
    public void expect(Answer answer, int firstSequence) {
        expected.add(new Expected(answer, firstSequence));
    }

    /** The client sent the file the server asked for: the answer goes on with an OK or ERR. */
    public void localInfileSent(int nextSequence) {
        sequence = nextSequence;
    }

    public boolean awaitingAnswers() {
        return !expected.isEmpty();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (discarding) {
                in.skipBytes(in.readableBytes());
                return;
            }
            Expected current = expected.peek();
            int want = current == null ? -1 : answering ? sequence : current.firstSequence();
            PacketFramer.Frame frame;
            try {
                frame = PacketFramer.next(in, want, maxMessage);
            } catch (PacketFramer.Violation violation) {
                fail(in, out, violation.violation);
                return;
            }
            if (frame == null) {
                return;
            }
            boolean handedOut = false;
            try {
                sequence = frame.nextSequence();
                answering = current != null;
                out.add(current == null ? unsolicited(frame) : parse(current.answer(), frame));
                handedOut = true;
            } catch (MalformedPacketException malformed) {
                fail(in, out, MySqlProtocolViolation.malformed(malformed.getMessage()));
                return;
            } finally {
                frame.releasePayloadCopy();
                if (!handedOut) {
                    frame.raw().release();
                }
            }
        }
    }

    /** Nothing was asked: a server only says something then to end the connection (ERR "connection killed"). */
    private Object unsolicited(PacketFramer.Frame frame) throws MalformedPacketException {
        ByteBuf payload = frame.payload();
        return payload.isReadable() && payload.getUnsignedByte(payload.readerIndex()) == 0xFF ? err(payload, frame.raw())
                : new UnknownServerPacket(frame.raw());
    }

    private Object parse(Answer answer, PacketFramer.Frame frame) throws MalformedPacketException {
        ByteBuf payload = frame.payload();
        ByteBuf raw = frame.raw();
        MySqlWire.need(payload, 1);
        int header = payload.getUnsignedByte(payload.readerIndex());
        if (step == Step.FIRST && header == 0xFF || header == 0xFF && step == Step.ROWS) {
            return done(err(payload, raw));
        }
        return switch (answer) {
            case GREETING -> done(greeting(payload, raw));
            case AUTH -> done(switch (header) {
                case 0x00 -> ok(payload, raw, false);
                case 0xFE -> new AuthSwitchRequest(MySqlWire.nulString(payload.skipBytes(1)), MySqlWire.bytes(payload, payload.readableBytes()), raw);
                case 0x01 -> new AuthMoreData(MySqlWire.bytes(payload.skipBytes(1), payload.readableBytes()), raw);
                default -> throw new MalformedPacketException("an authentication answer with header 0x" + Integer.toHexString(header));
            });
            case OK -> done(header == 0x00 || header == 0xFE ? ok(payload, raw, header == 0xFE) : new UnknownServerPacket(raw));
            case STATISTICS -> done(new UnknownServerPacket(raw));
            case PREPARE -> prepare(payload, raw, header);
            case TEXT_RESULT, BINARY_RESULT, FETCH -> result(answer, payload, raw, header);
        };
    }

    private Object result(Answer answer, ByteBuf payload, ByteBuf raw, int header) throws MalformedPacketException {
        if (answer == Answer.FETCH && step == Step.FIRST) {
            step = Step.ROWS;
        }
        switch (step) {
            case FIRST -> {
                if (header == 0x00) {
                    OkPacket ok = ok(payload, raw, false);
                    return ok.moreResults() ? ok : done(ok);
                }
                if (header == 0xFB && answer == Answer.TEXT_RESULT) {
                    return new LocalInfileRequest(MySqlWire.restString(payload.skipBytes(1)), raw);
                }
                long columns = MySqlWire.lenenc(payload);
                if (columns == 0 || payload.isReadable() && !Capabilities.has(capabilities, Capabilities.OPTIONAL_RESULTSET_METADATA)) {
                    throw new MalformedPacketException("a column count of " + columns);
                }
                left = columns;
                step = Step.COLUMNS;
                return new ColumnCount(columns, raw);
            }
            case COLUMNS -> {
                ColumnDefinition column = column(payload, raw);
                if (--left == 0) {
                    step = Capabilities.has(capabilities, Capabilities.DEPRECATE_EOF) ? Step.ROWS : Step.COLUMNS_EOF;
                }
                return column;
            }
            case COLUMNS_EOF -> {
                step = Step.ROWS;
                return eof(payload, raw);
            }
            default -> {
                if (header == 0xFE && payload.readableBytes() < PacketFramer.MAX_PAYLOAD
                        && (Capabilities.has(capabilities, Capabilities.DEPRECATE_EOF) || payload.readableBytes() < 9)) {
                    int status;
                    Object end;
                    if (Capabilities.has(capabilities, Capabilities.DEPRECATE_EOF)) {
                        OkPacket ok = ok(payload, raw, true);
                        status = ok.status();
                        end = ok;
                    } else {
                        EofPacket eof = eof(payload, raw);
                        status = eof.status();
                        end = eof;
                    }
                    step = Step.FIRST;
                    return (status & OkPacket.SERVER_MORE_RESULTS_EXISTS) != 0 && answer != Answer.FETCH ? end : done(end);
                }
                return new ResultRow(answer != Answer.TEXT_RESULT, raw);
            }
        }
    }

    private Object prepare(ByteBuf payload, ByteBuf raw, int header) throws MalformedPacketException {
        switch (step) {
            case FIRST -> {
                if (header != 0x00) {
                    throw new MalformedPacketException("a prepare answer with header 0x" + Integer.toHexString(header));
                }
                payload.skipBytes(1);
                long id = MySqlWire.int4(payload);
                int columns = MySqlWire.int2(payload);
                int parameters = MySqlWire.int2(payload);
                MySqlWire.int1(payload);
                int warnings = payload.readableBytes() >= 2 ? MySqlWire.int2(payload) : 0;
                PrepareOk ok = new PrepareOk(id, columns, parameters, warnings, raw);
                preparedColumns = columns;
                left = parameters;
                step = parameters > 0 ? Step.PARAMS : columns > 0 ? Step.PREPARED_COLUMNS : Step.FIRST;
                if (parameters == 0) {
                    left = columns;
                }
                return step == Step.FIRST ? done(ok) : ok;
            }
            case PARAMS, PREPARED_COLUMNS -> {
                ColumnDefinition definition = column(payload, raw);
                if (--left == 0) {
                    boolean eof = !Capabilities.has(capabilities, Capabilities.DEPRECATE_EOF);
                    if (step == Step.PARAMS) {
                        step = eof ? Step.PARAMS_EOF : preparedColumns > 0 ? Step.PREPARED_COLUMNS : Step.FIRST;
                        left = preparedColumns;
                    } else {
                        step = eof ? Step.PREPARED_COLUMNS_EOF : Step.FIRST;
                    }
                }
                return step == Step.FIRST ? done(definition) : definition;
            }
            case PARAMS_EOF -> {
                step = preparedColumns > 0 ? Step.PREPARED_COLUMNS : Step.FIRST;
                EofPacket eof = eof(payload, raw);
                return step == Step.FIRST ? done(eof) : eof;
            }
            case PREPARED_COLUMNS_EOF -> {
                step = Step.FIRST;
                return done(eof(payload, raw));
            }
            default -> throw new MalformedPacketException("a prepare answer out of step");
        }
    }

    private <T> T done(T last) {
        expected.poll();
        step = Step.FIRST;
        answering = false;
        return last;
    }

    private ServerGreeting greeting(ByteBuf payload, ByteBuf raw) throws MalformedPacketException {
        int protocol = MySqlWire.int1(payload);
        if (protocol != 10) {
            throw new MalformedPacketException("handshake protocol " + protocol + " (only 10 is spoken)");
        }
        String version = MySqlWire.nulString(payload);
        long connectionId = MySqlWire.int4(payload);
        byte[] first = MySqlWire.bytes(payload, 8);
        payload.skipBytes(1);
        long caps = MySqlWire.int2(payload);
        int collation = payload.isReadable() ? MySqlWire.int1(payload) : 0;
        int status = payload.isReadable() ? MySqlWire.int2(payload) : 0;
        caps |= payload.isReadable() ? (long) MySqlWire.int2(payload) << 16 : 0;
        int authDataLength = payload.isReadable() ? MySqlWire.int1(payload) : 0;
        MySqlWire.need(payload, 10);
        payload.skipBytes(6);
        caps |= MySqlWire.int4(payload) << Capabilities.MARIADB_SHIFT;
        byte[] scramble = first;
        if (Capabilities.has(caps, Capabilities.SECURE_CONNECTION)) {
            int rest = Math.max(13, authDataLength - 8);
            byte[] second = MySqlWire.bytes(payload, rest);
            scramble = new byte[8 + rest - 1];
            System.arraycopy(first, 0, scramble, 0, 8);
            System.arraycopy(second, 0, scramble, 8, rest - 1); // the part ends with a NUL that is not salt
        }
        String plugin = Capabilities.has(caps, Capabilities.PLUGIN_AUTH) && payload.isReadable() ? MySqlWire.nulString(payload) : null;
        return new ServerGreeting(protocol, version, connectionId, scramble, caps, collation, status, plugin, raw);
    }

    static OkPacket ok(ByteBuf payload, ByteBuf raw, boolean eofHeader) throws MalformedPacketException {
        payload.skipBytes(1);
        long affected = MySqlWire.lenenc(payload);
        long lastId = MySqlWire.lenenc(payload);
        int status = payload.isReadable() ? MySqlWire.int2(payload) : 0;
        int warnings = payload.isReadable() ? MySqlWire.int2(payload) : 0;
        String info = "";
        java.util.Map<String, String> changes = new java.util.LinkedHashMap<>();
        if (payload.isReadable()) {
            // With CLIENT_SESSION_TRACK the info is length-encoded and session state may follow; without, it is the rest.
            int mark = payload.readerIndex();
            try {
                info = MySqlWire.lenencString(payload);
                if ((status & OkPacket.SERVER_SESSION_STATE_CHANGED) != 0 && payload.isReadable()) {
                    ByteBuf state = payload.readSlice((int) Math.min(MySqlWire.lenenc(payload), payload.readableBytes()));
                    while (state.isReadable()) {
                        int type = MySqlWire.int1(state);
                        ByteBuf data = state.readSlice((int) Math.min(MySqlWire.lenenc(state), state.readableBytes()));
                        if (type == 0) { // SESSION_TRACK_SYSTEM_VARIABLES: name, value
                            changes.put(MySqlWire.lenencString(data), MySqlWire.lenencString(data));
                        }
                    }
                }
            } catch (MalformedPacketException notTracked) {
                payload.readerIndex(mark);
                info = MySqlWire.restString(payload);
            }
        }
        return new OkPacket(affected, lastId, status, warnings, info, changes, eofHeader, raw);
    }

    static ErrPacket err(ByteBuf payload, ByteBuf raw) throws MalformedPacketException {
        payload.skipBytes(1);
        int code = MySqlWire.int2(payload);
        String state = "";
        if (payload.isReadable() && payload.getByte(payload.readerIndex()) == '#') {
            MySqlWire.need(payload, 6);
            payload.skipBytes(1);
            state = payload.readCharSequence(5, java.nio.charset.StandardCharsets.US_ASCII).toString();
        }
        return new ErrPacket(code, state, MySqlWire.restString(payload), raw);
    }

    private static EofPacket eof(ByteBuf payload, ByteBuf raw) throws MalformedPacketException {
        if (MySqlWire.int1(payload) != 0xFE) {
            throw new MalformedPacketException("an EOF packet expected");
        }
        int warnings = payload.readableBytes() >= 2 ? MySqlWire.int2(payload) : 0;
        int status = payload.readableBytes() >= 2 ? MySqlWire.int2(payload) : 0;
        return new EofPacket(warnings, status, raw);
    }

    private static ColumnDefinition column(ByteBuf payload, ByteBuf raw) throws MalformedPacketException {
        MySqlWire.lenencString(payload); // catalog, always "def"
        String schema = MySqlWire.lenencString(payload);
        String table = MySqlWire.lenencString(payload);
        String originalTable = MySqlWire.lenencString(payload);
        String name = MySqlWire.lenencString(payload);
        String originalName = MySqlWire.lenencString(payload);
        MySqlWire.lenenc(payload); // length of the fixed fields, 0x0c
        int collation = MySqlWire.int2(payload);
        long length = MySqlWire.int4(payload);
        int type = MySqlWire.int1(payload);
        int flags = MySqlWire.int2(payload);
        int decimals = MySqlWire.int1(payload);
        return new ColumnDefinition(schema, table, originalTable, name, originalName, collation, length, type, flags, decimals, raw);
    }

    private void fail(ByteBuf in, List<Object> out, MySqlProtocolViolation violation) {
        in.skipBytes(in.readableBytes());
        discarding = true;
        out.add(violation);
    }
}
