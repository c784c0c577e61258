package dev.gatehouse.proxy.protocol.postgres.codec;

import dev.gatehouse.proxy.protocol.postgres.message.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Encoders for the messages the gateway synthesizes itself (to the client as a server, and to the
 * server as a client). Each returns a new buffer from the given allocator holding one complete
 * message; the caller owns it (writing it to a channel hands ownership to Netty).
 *
 * <p>Strings are written as UTF-8 C strings. An embedded NUL is rejected rather than written:
 * it would end the string early and let the rest be read as further fields or messages.
 */
public final class PostgresMessages {

    public static final String SEVERITY_ERROR = "ERROR";
    public static final String SEVERITY_FATAL = "FATAL";

    private PostgresMessages() {
    }

    // ---- backend side: what the gateway sends to clients ----

    /** ErrorResponse with S, V (non-localised severity), C and M fields. */
    public static ByteBuf errorResponse(ByteBufAllocator alloc, String severity, String sqlState, String message) {
        return errorResponse(alloc, severity, sqlState, message, null);
    }

    /** ErrorResponse with a DETAIL field as well, when {@code detail} is not null. */
    public static ByteBuf errorResponse(ByteBufAllocator alloc, String severity, String sqlState, String message, String detail) {
        if (sqlState.length() != 5) {
            throw new IllegalArgumentException("SQLSTATE must have 5 characters: " + sqlState);
        }
        return frame(alloc, 'E', buf -> {
            field(buf, 'S', severity);
            field(buf, 'V', severity);
            field(buf, 'C', sqlState);
            field(buf, 'M', message);
            if (detail != null) {
                field(buf, 'D', detail);
            }
            buf.writeByte(0);
        });
    }

    /** The FATAL ErrorResponse a handler sends for a decoder's ProtocolViolation before closing. */
    public static ByteBuf errorResponse(ByteBufAllocator alloc, ProtocolViolation violation) {
        return errorResponse(alloc, SEVERITY_FATAL, violation.sqlState(), violation.message());
    }

    public static ByteBuf readyForQuery(ByteBufAllocator alloc, char status) {
        if (status != 'I' && status != 'T' && status != 'E') {
            throw new IllegalArgumentException("transaction status must be I, T or E: " + status);
        }
        return frame(alloc, 'Z', buf -> buf.writeByte(status));
    }

    public static ByteBuf authenticationOk(ByteBufAllocator alloc) {
        return frame(alloc, 'R', buf -> buf.writeInt(0));
    }

    public static ByteBuf authenticationCleartextPassword(ByteBufAllocator alloc) {
        return frame(alloc, 'R', buf -> buf.writeInt(3));
    }

    /** The single unframed byte answering SSLRequest/GSSENCRequest: 'S' to proceed, 'N' to refuse. */
    public static ByteBuf sslResponse(ByteBufAllocator alloc, boolean accept) {
        return alloc.buffer(1).writeByte(accept ? 'S' : 'N');
    }

    public static ByteBuf parameterStatus(ByteBufAllocator alloc, String name, String value) {
        return frame(alloc, 'S', buf -> {
            cString(buf, name);
            cString(buf, value);
        });
    }

    public static ByteBuf backendKeyData(ByteBufAllocator alloc, int processId, int secretKey) {
        return frame(alloc, 'K', buf -> buf.writeInt(processId).writeInt(secretKey));
    }

    // ---- frontend side: what the gateway sends to servers ----

    /** Protocol 3.0 StartupMessage; parameters are written in the map's iteration order. */
    public static ByteBuf startupMessage(ByteBufAllocator alloc, Map<String, String> parameters) {
        String user = parameters.get("user");
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("a startup message needs a user");
        }
        return untyped(alloc, buf -> {
            buf.writeInt(196608);
            parameters.forEach((key, value) -> {
                cString(buf, key);
                cString(buf, value);
            });
            buf.writeByte(0);
        });
    }

    public static ByteBuf sslRequest(ByteBufAllocator alloc) {
        return untyped(alloc, buf -> buf.writeInt(80877103));
    }

    public static ByteBuf cancelRequest(ByteBufAllocator alloc, int processId, int secretKey) {
        return untyped(alloc, buf -> buf.writeInt(80877102).writeInt(processId).writeInt(secretKey));
    }

    /**
     * PasswordMessage carrying a cleartext password or token. Takes a char[] so the caller can wipe
     * its copy; the returned buffer holds the secret until released.
     */
    public static ByteBuf passwordMessage(ByteBufAllocator alloc, char[] password) {
        for (char c : password) {
            if (c == 0) {
                throw new IllegalArgumentException("password must not contain NUL");
            }
        }
        return frame(alloc, 'p', buf -> {
            buf.writeCharSequence(CharBuffer.wrap(password), StandardCharsets.UTF_8);
            buf.writeByte(0);
        });
    }

    /**
     * SASLInitialResponse: the chosen mechanism, then the client's first message prefixed by its
     * int32 length. Shares the 'p' type byte with PasswordMessage; the server tells them apart by
     * the authentication exchange it started.
     */
    public static ByteBuf saslInitialResponse(ByteBufAllocator alloc, String mechanism, byte[] clientFirstMessage) {
        if (mechanism.isEmpty()) {
            throw new IllegalArgumentException("a SASL mechanism name must not be empty");
        }
        return frame(alloc, 'p', buf -> {
            cString(buf, mechanism);
            buf.writeInt(clientFirstMessage.length);
            buf.writeBytes(clientFirstMessage);
        });
    }

    /** SASLResponse: the mechanism's next message as-is, no length prefix and no terminator. */
    public static ByteBuf saslResponse(ByteBufAllocator alloc, byte[] data) {
        return frame(alloc, 'p', buf -> buf.writeBytes(data));
    }

    public static ByteBuf query(ByteBufAllocator alloc, String sql) {
        return frame(alloc, 'Q', buf -> cString(buf, sql));
    }

    /** Parse with no declared parameter types. */
    public static ByteBuf parse(ByteBufAllocator alloc, String statementName, String sql) {
        return frame(alloc, 'P', buf -> {
            cString(buf, statementName);
            cString(buf, sql);
            buf.writeShort(0);
        });
    }

    public static ByteBuf execute(ByteBufAllocator alloc, String portal, int maxRows) {
        return frame(alloc, 'E', buf -> {
            cString(buf, portal);
            buf.writeInt(maxRows);
        });
    }

    public static ByteBuf terminate(ByteBufAllocator alloc) {
        return frame(alloc, 'X', buf -> { });
    }

    // ---- helpers ----

    private static ByteBuf frame(ByteBufAllocator alloc, char type, Consumer<ByteBuf> body) {
        return build(alloc, type, body);
    }

    /** Startup-phase packets (StartupMessage, SSLRequest, CancelRequest) have no type byte. */
    private static ByteBuf untyped(ByteBufAllocator alloc, Consumer<ByteBuf> body) {
        return build(alloc, null, body);
    }

    private static ByteBuf build(ByteBufAllocator alloc, Character type, Consumer<ByteBuf> body) {
        ByteBuf buf = alloc.buffer();
        try {
            if (type != null) {
                buf.writeByte(type);
            }
            int lengthAt = buf.writerIndex();
            buf.writeInt(0);
            body.accept(buf);
            // The length counts itself and the body, never the type byte.
            buf.setInt(lengthAt, buf.writerIndex() - lengthAt);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    private static void field(ByteBuf buf, char code, String value) {
        buf.writeByte(code);
        cString(buf, value);
    }

    private static void cString(ByteBuf buf, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("string must not contain NUL");
        }
        buf.writeCharSequence(value, StandardCharsets.UTF_8);
        buf.writeByte(0);
    }

    /** An ErrorResponse ('E') or NoticeResponse ('N') frame with these fields. */
    public static ByteBuf noticeResponse(ByteBufAllocator alloc, char type, Map<Character, String> fields) {
        ByteBuf out = alloc.buffer();
        out.writeByte(type);
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        fields.forEach((code, value) -> {
            out.writeByte(code);
            out.writeCharSequence(value, StandardCharsets.UTF_8);
            out.writeByte(0);
        });
        out.writeByte(0);
        out.setInt(lengthAt, out.writerIndex() - lengthAt);
        return out;
    }

    /** A NotificationResponse ('A') frame. */
    public static ByteBuf notificationResponse(ByteBufAllocator alloc, int processId, String channel, String payload) {
        ByteBuf out = alloc.buffer();
        out.writeByte('A');
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        out.writeInt(processId);
        out.writeCharSequence(channel, StandardCharsets.UTF_8);
        out.writeByte(0);
        out.writeCharSequence(payload, StandardCharsets.UTF_8);
        out.writeByte(0);
        out.setInt(lengthAt, out.writerIndex() - lengthAt);
        return out;
    }
}
