package dev.gatehouse.proxy.protocol.postgres.codec;

import static dev.gatehouse.proxy.protocol.postgres.codec.WireReader.cString;
import static dev.gatehouse.proxy.protocol.postgres.codec.WireReader.count;
import static dev.gatehouse.proxy.protocol.postgres.codec.WireReader.end;
import static dev.gatehouse.proxy.protocol.postgres.codec.WireReader.int16;
import static dev.gatehouse.proxy.protocol.postgres.codec.WireReader.int32;
import static dev.gatehouse.proxy.protocol.postgres.codec.WireReader.int8;

import dev.gatehouse.proxy.protocol.postgres.message.AuthenticationRequest;
import dev.gatehouse.proxy.protocol.postgres.message.BackendKeyData;
import dev.gatehouse.proxy.protocol.postgres.message.BindComplete;
import dev.gatehouse.proxy.protocol.postgres.message.CloseComplete;
import dev.gatehouse.proxy.protocol.postgres.message.CommandComplete;
import dev.gatehouse.proxy.protocol.postgres.message.CopyData;
import dev.gatehouse.proxy.protocol.postgres.message.CopyDone;
import dev.gatehouse.proxy.protocol.postgres.message.CopyInResponse;
import dev.gatehouse.proxy.protocol.postgres.message.CopyOutResponse;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import dev.gatehouse.proxy.protocol.postgres.message.EmptyQueryResponse;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.NoData;
import dev.gatehouse.proxy.protocol.postgres.message.NoticeResponse;
import dev.gatehouse.proxy.protocol.postgres.message.NotificationResponse;
import dev.gatehouse.proxy.protocol.postgres.message.ParameterDescription;
import dev.gatehouse.proxy.protocol.postgres.message.ParameterStatus;
import dev.gatehouse.proxy.protocol.postgres.message.ParseComplete;
import dev.gatehouse.proxy.protocol.postgres.message.PortalSuspended;
import dev.gatehouse.proxy.protocol.postgres.message.ReadyForQuery;
import dev.gatehouse.proxy.protocol.postgres.message.RowDescription;
import dev.gatehouse.proxy.protocol.postgres.message.UnknownBackendMessage;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes what a PostgreSQL server sends once the connection is framed (after the single-byte
 * SSL answer, which is not a frame and is not handled here). Violations are reported as
 * {@code ProtocolViolation} results, after which the decoder discards all input.
 *
 * <p>Not sharable: it holds per-connection state.
 */
public final class PostgresBackendDecoder extends FramedDecoder {

    /** DataRows and CopyData can be large; PostgreSQL itself caps a field at 1 GB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

    public PostgresBackendDecoder() {
        this(DEFAULT_MAX_MESSAGE_SIZE);
    }

    public PostgresBackendDecoder(int maxMessageSize) {
        super(maxMessageSize);
    }

    @Override
    Object parseFrame(char type, ByteBuf frame, ByteBuf body) throws MalformedMessageException {
        return switch (type) {
            case AuthenticationRequest.TYPE -> authentication(frame, body);
            case ParameterStatus.TYPE -> {
                String name = cString(body, "parameter name");
                String value = cString(body, "parameter value");
                end(body, "ParameterStatus");
                yield new ParameterStatus(frame, name, value);
            }
            case BackendKeyData.TYPE -> {
                int pid = int32(body, "process id");
                int key = int32(body, "secret key");
                end(body, "BackendKeyData");
                yield new BackendKeyData(frame, pid, key);
            }
            case ReadyForQuery.TYPE -> {
                char status = (char) (int8(body, "transaction status") & 0xFF);
                if (status != 'I' && status != 'T' && status != 'E') {
                    throw new MalformedMessageException("invalid transaction status");
                }
                end(body, "ReadyForQuery");
                yield new ReadyForQuery(frame, status);
            }
            case RowDescription.TYPE -> rowDescription(frame, body);
            case DataRow.TYPE -> dataRow(frame, body);
            case CommandComplete.TYPE -> {
                String tag = cString(body, "command tag");
                end(body, "CommandComplete");
                yield new CommandComplete(frame, tag);
            }
            case ErrorResponse.TYPE -> new ErrorResponse(frame, fields(body));
            case NoticeResponse.TYPE -> new NoticeResponse(frame, fields(body));
            case ParseComplete.TYPE -> empty(body, "ParseComplete", new ParseComplete(frame));
            case BindComplete.TYPE -> empty(body, "BindComplete", new BindComplete(frame));
            case CloseComplete.TYPE -> empty(body, "CloseComplete", new CloseComplete(frame));
            case NoData.TYPE -> empty(body, "NoData", new NoData(frame));
            case PortalSuspended.TYPE -> empty(body, "PortalSuspended", new PortalSuspended(frame));
            case EmptyQueryResponse.TYPE -> empty(body, "EmptyQueryResponse", new EmptyQueryResponse(frame));
            case CopyDone.TYPE -> empty(body, "CopyDone", new CopyDone(frame));
            case CopyData.TYPE -> new CopyData(frame);
            case ParameterDescription.TYPE -> {
                int count = count(body, "parameter count");
                List<Integer> oids = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    oids.add(int32(body, "parameter type"));
                }
                end(body, "ParameterDescription");
                yield new ParameterDescription(frame, oids);
            }
            case NotificationResponse.TYPE -> {
                int pid = int32(body, "process id");
                String channel = cString(body, "channel name");
                String payload = cString(body, "payload");
                end(body, "NotificationResponse");
                yield new NotificationResponse(frame, pid, channel, payload);
            }
            case CopyInResponse.TYPE -> {
                int format = int8(body, "copy format");
                yield new CopyInResponse(frame, format, columnFormats(body));
            }
            case CopyOutResponse.TYPE -> {
                int format = int8(body, "copy format");
                yield new CopyOutResponse(frame, format, columnFormats(body));
            }
            default -> new UnknownBackendMessage(frame);
        };
    }

    private static AuthenticationRequest authentication(ByteBuf frame, ByteBuf body)
            throws MalformedMessageException {
        int subtype = int32(body, "authentication type");
        byte[] data = new byte[0];
        List<String> mechanisms = new ArrayList<>();
        switch (subtype) {
            case AuthenticationRequest.OK, AuthenticationRequest.CLEARTEXT_PASSWORD -> {
                // No payload.
            }
            case AuthenticationRequest.MD5_PASSWORD -> data = WireReader.bytes(body, 4, "md5 salt");
            case AuthenticationRequest.SASL -> {
                for (String mechanism = cString(body, "SASL mechanism"); !mechanism.isEmpty();
                        mechanism = cString(body, "SASL mechanism")) {
                    mechanisms.add(mechanism);
                }
                if (mechanisms.isEmpty()) {
                    throw new MalformedMessageException("invalid message format: no SASL mechanism offered");
                }
            }
            // SASLContinue, SASLFinal, GSS/SSPI continuations and anything newer: opaque data.
            default -> data = WireReader.rest(body);
        }
        end(body, "AuthenticationRequest");
        return new AuthenticationRequest(frame, subtype, data, mechanisms);
    }

    private static RowDescription rowDescription(ByteBuf frame, ByteBuf body) throws MalformedMessageException {
        int count = count(body, "field count");
        List<RowDescription.Field> fields = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            fields.add(new RowDescription.Field(cString(body, "field name"), int32(body, "table oid"),
                    int16(body, "attribute number"), int32(body, "type oid"), int16(body, "type size"),
                    int32(body, "type modifier"), int16(body, "format code")));
        }
        end(body, "RowDescription");
        return new RowDescription(frame, fields);
    }

    /** Walks the column lengths once without copying, so DataRow's lazy accessors cannot overrun. */
    private static DataRow dataRow(ByteBuf frame, ByteBuf body) throws MalformedMessageException {
        int count = count(body, "column count");
        for (int i = 0; i < count; i++) {
            int length = int32(body, "column length");
            if (length < -1 || length > body.readableBytes()) {
                throw new MalformedMessageException("invalid message format: column length " + length);
            }
            if (length > 0) {
                body.skipBytes(length);
            }
        }
        end(body, "DataRow");
        return new DataRow(frame);
    }

    private static Map<Character, String> fields(ByteBuf body) throws MalformedMessageException {
        Map<Character, String> fields = new LinkedHashMap<>();
        while (true) {
            char code = (char) (int8(body, "field type") & 0xFF);
            if (code == 0) {
                break;
            }
            fields.put(code, cString(body, "field value"));
        }
        end(body, "ErrorResponse/NoticeResponse");
        return fields;
    }

    private static List<Short> columnFormats(ByteBuf body) throws MalformedMessageException {
        int count = count(body, "column count");
        List<Short> formats = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            formats.add(int16(body, "column format"));
        }
        end(body, "CopyInResponse/CopyOutResponse");
        return formats;
    }

    private static <T> T empty(ByteBuf body, String name, T message) throws MalformedMessageException {
        end(body, name);
        return message;
    }
}
