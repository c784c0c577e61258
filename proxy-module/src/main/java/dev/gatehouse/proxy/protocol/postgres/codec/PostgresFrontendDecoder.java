package dev.gatehouse.proxy.protocol.postgres.codec;

import static dev.gatehouse.proxy.protocol.postgres.codec.WireReader.cString;
import static dev.gatehouse.proxy.protocol.postgres.codec.WireReader.count;
import static dev.gatehouse.proxy.protocol.postgres.codec.WireReader.end;
import static dev.gatehouse.proxy.protocol.postgres.codec.WireReader.int16;
import static dev.gatehouse.proxy.protocol.postgres.codec.WireReader.int32;
import static dev.gatehouse.proxy.protocol.postgres.codec.WireReader.int8;

import dev.gatehouse.proxy.protocol.postgres.message.Bind;
import dev.gatehouse.proxy.protocol.postgres.message.CancelRequest;
import dev.gatehouse.proxy.protocol.postgres.message.Close;
import dev.gatehouse.proxy.protocol.postgres.message.CopyData;
import dev.gatehouse.proxy.protocol.postgres.message.CopyDone;
import dev.gatehouse.proxy.protocol.postgres.message.CopyFail;
import dev.gatehouse.proxy.protocol.postgres.message.Describe;
import dev.gatehouse.proxy.protocol.postgres.message.Execute;
import dev.gatehouse.proxy.protocol.postgres.message.Flush;
import dev.gatehouse.proxy.protocol.postgres.message.GssEncRequest;
import dev.gatehouse.proxy.protocol.postgres.message.Parse;
import dev.gatehouse.proxy.protocol.postgres.message.PasswordMessage;
import dev.gatehouse.proxy.protocol.postgres.message.ProtocolViolation;
import dev.gatehouse.proxy.protocol.postgres.message.Query;
import dev.gatehouse.proxy.protocol.postgres.message.SslRequest;
import dev.gatehouse.proxy.protocol.postgres.message.StartupMessage;
import dev.gatehouse.proxy.protocol.postgres.message.Sync;
import dev.gatehouse.proxy.protocol.postgres.message.Terminate;
import dev.gatehouse.proxy.protocol.postgres.message.UnknownFrontendMessage;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes what a PostgreSQL client sends. State machine: STARTUP (untyped packets: SSLRequest,
 * GSSENCRequest, CancelRequest, StartupMessage) until a StartupMessage switches to REGULAR
 * (typed frames); any violation switches to discarding (see {@link FramedDecoder}).
 *
 * <p>Not sharable: it holds per-connection state. A startup packet that never completes is left
 * waiting on purpose; ending such connections is the idle timeout's job, not the decoder's.
 */
public final class PostgresFrontendDecoder extends FramedDecoder {

    public static final int DEFAULT_MAX_STARTUP_SIZE = 10 * 1024;
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

    /** Length + code: the smallest well-formed startup packet (SSLRequest). */
    private static final int MIN_STARTUP_SIZE = 8;
    private static final int CANCEL_REQUEST_SIZE = 16;

    private final int maxStartupSize;
    private boolean startupPhase = true;

    public PostgresFrontendDecoder() {
        this(DEFAULT_MAX_STARTUP_SIZE, DEFAULT_MAX_MESSAGE_SIZE);
    }

    public PostgresFrontendDecoder(int maxStartupSize, int maxMessageSize) {
        super(maxMessageSize);
        if (maxStartupSize < CANCEL_REQUEST_SIZE) {
            throw new IllegalArgumentException("maxStartupSize must be at least 16: " + maxStartupSize);
        }
        this.maxStartupSize = maxStartupSize;
    }

    @Override
    void decodeBeforeFraming(ByteBuf in, List<Object> out) {
        if (startupPhase) {
            decodeStartup(in, out);
        } else {
            decodeFrame(in, out);
        }
    }

    private void decodeStartup(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int start = in.readerIndex();
        int length = in.getInt(start);
        // Also catches non-PostgreSQL clients: "GET " read as a length is about 1.2 GB.
        if (length < MIN_STARTUP_SIZE || length > maxStartupSize) {
            fail(in, out, ProtocolViolation.of("invalid length of startup packet"));
            return;
        }
        if (in.readableBytes() < length) {
            return;
        }
        int code = in.getInt(start + 4);
        switch (code) {
            case SslRequest.CODE -> encryptionRequest(in, out, length, new SslRequest());
            case GssEncRequest.CODE -> encryptionRequest(in, out, length, new GssEncRequest());
            case CancelRequest.CODE -> cancelRequest(in, out, length);
            case StartupMessage.PROTOCOL_3_0 -> startupMessage(in, out, length, code);
            default -> fail(in, out, new ProtocolViolation("unsupported frontend protocol " + (code >>> 16) + "."
                    + (code & 0xFFFF) + ": server supports 3.0 to 3.0", ProtocolViolation.FEATURE_NOT_SUPPORTED));
        }
    }

    private void encryptionRequest(ByteBuf in, List<Object> out, int length, Object request) {
        if (length != MIN_STARTUP_SIZE) {
            fail(in, out, ProtocolViolation.of("invalid length of encryption request"));
            return;
        }
        in.skipBytes(length);
        // Bytes that arrived together with the request were sent before the TLS/GSS handshake:
        // accepting them would let a man in the middle inject plaintext (CVE-2021-23214).
        if (in.isReadable()) {
            fail(in, out, ProtocolViolation.of("received unencrypted data after encryption request"));
            return;
        }
        out.add(request); // Still in the startup phase: the StartupMessage comes next.
    }

    private void cancelRequest(ByteBuf in, List<Object> out, int length) {
        if (length != CANCEL_REQUEST_SIZE) {
            fail(in, out, ProtocolViolation.of("invalid length of cancel request"));
            return;
        }
        int start = in.readerIndex();
        CancelRequest request = new CancelRequest(in.getInt(start + 8), in.getInt(start + 12));
        in.skipBytes(in.readableBytes());
        // A cancel connection carries nothing else; the server closes it after reading the request.
        discardFromNowOn();
        out.add(request);
    }

    private void startupMessage(ByteBuf in, List<Object> out, int length, int version) {
        ByteBuf body = in.slice(in.readerIndex() + 8, length - 8);
        in.skipBytes(length);
        Map<String, String> parameters = new LinkedHashMap<>();
        try {
            while (true) {
                String key = cString(body, "startup parameter name");
                if (key.isEmpty()) {
                    break;
                }
                parameters.put(key, cString(body, "startup parameter value"));
            }
            end(body, "startup packet");
        } catch (MalformedMessageException e) {
            fail(in, out, ProtocolViolation.of("invalid startup packet layout: expected terminator as last byte"));
            return;
        }
        String user = parameters.get("user");
        if (user == null || user.isEmpty()) {
            fail(in, out, new ProtocolViolation("no PostgreSQL user name specified in startup packet",
                    ProtocolViolation.INVALID_AUTHORIZATION));
            return;
        }
        startupPhase = false;
        out.add(new StartupMessage(version, parameters));
    }

    @Override
    Object parseFrame(char type, ByteBuf frame, ByteBuf body) throws MalformedMessageException {
        return switch (type) {
            case Query.TYPE -> query(frame, body);
            case Parse.TYPE -> parse(frame, body);
            case Bind.TYPE -> bind(frame, body);
            case Describe.TYPE -> {
                char kind = kind(body, "describe");
                String name = cString(body, "describe name");
                end(body, "Describe");
                yield new Describe(frame, kind, name);
            }
            case Execute.TYPE -> {
                String portal = cString(body, "portal name");
                int maxRows = int32(body, "row limit");
                end(body, "Execute");
                yield new Execute(frame, portal, maxRows);
            }
            case Close.TYPE -> {
                char kind = kind(body, "close");
                String name = cString(body, "close name");
                end(body, "Close");
                yield new Close(frame, kind, name);
            }
            case Sync.TYPE -> empty(body, "Sync", new Sync(frame));
            case Flush.TYPE -> empty(body, "Flush", new Flush(frame));
            case Terminate.TYPE -> empty(body, "Terminate", new Terminate(frame));
            case CopyDone.TYPE -> empty(body, "CopyDone", new CopyDone(frame));
            case CopyData.TYPE -> new CopyData(frame);
            case CopyFail.TYPE -> {
                String message = cString(body, "copy failure message");
                end(body, "CopyFail");
                yield new CopyFail(frame, message);
            }
            case PasswordMessage.TYPE -> new PasswordMessage(frame, WireReader.rest(body));
            default -> new UnknownFrontendMessage(frame);
        };
    }

    private static Query query(ByteBuf frame, ByteBuf body) throws MalformedMessageException {
        String sql = cString(body, "query string");
        end(body, "Query");
        return new Query(frame, sql);
    }

    private static Parse parse(ByteBuf frame, ByteBuf body) throws MalformedMessageException {
        String name = cString(body, "statement name");
        String query = cString(body, "query string");
        int count = count(body, "parameter type count");
        List<Integer> oids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            oids.add(int32(body, "parameter type"));
        }
        end(body, "Parse");
        return new Parse(frame, name, query, oids);
    }

    private static Bind bind(ByteBuf frame, ByteBuf body) throws MalformedMessageException {
        String portal = cString(body, "portal name");
        String statement = cString(body, "statement name");
        List<Short> formats = formats(body, "parameter format");
        int count = count(body, "parameter count");
        List<byte[]> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = int32(body, "parameter length");
            if (length < -1) {
                throw new MalformedMessageException("invalid message format: parameter length " + length);
            }
            values.add(length == -1 ? null : WireReader.bytes(body, length, "parameter value"));
        }
        List<Short> resultFormats = formats(body, "result format");
        end(body, "Bind");
        return new Bind(frame, portal, statement, formats, values, resultFormats);
    }

    private static List<Short> formats(ByteBuf body, String what) throws MalformedMessageException {
        int count = count(body, what + " count");
        List<Short> formats = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            formats.add(int16(body, what));
        }
        return formats;
    }

    private static char kind(ByteBuf body, String what) throws MalformedMessageException {
        char kind = (char) (int8(body, what + " kind") & 0xFF);
        if (kind != 'S' && kind != 'P') {
            throw new MalformedMessageException("invalid " + what + " kind");
        }
        return kind;
    }

    private static <T> T empty(ByteBuf body, String name, T message) throws MalformedMessageException {
        end(body, name);
        return message;
    }
}
