package dev.gatehouse.proxy.protocol.postgres;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Reads the binary wire format of a few fixed-size types as text, so a recorded parameter that a
 * driver sent in binary (JDBC sends integers that way) is still readable in the session timeline.
 * Everything else (bytea, timestamps, arrays …) stays recorded by type and length only.
 */
final class BinaryValues {

    static final int BOOL = 16;
    static final int INT8 = 20;
    static final int INT2 = 21;
    static final int INT4 = 23;
    static final int OID = 26;
    static final int FLOAT4 = 700;
    static final int FLOAT8 = 701;
    static final int UUID_OID = 2950;

    private BinaryValues() {
    }

    /** The value as text, or null when the type is not one of those read here or the length does not fit it. */
    static String asText(int typeOid, byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        return switch (typeOid) {
            case BOOL -> value.length == 1 ? (value[0] != 0 ? "true" : "false") : null;
            case INT2 -> value.length == 2 ? Short.toString(buffer.getShort()) : null;
            case INT4 -> value.length == 4 ? Integer.toString(buffer.getInt()) : null;
            case OID -> value.length == 4 ? Integer.toUnsignedString(buffer.getInt()) : null;
            case INT8 -> value.length == 8 ? Long.toString(buffer.getLong()) : null;
            case FLOAT4 -> value.length == 4 ? Float.toString(buffer.getFloat()) : null;
            case FLOAT8 -> value.length == 8 ? Double.toString(buffer.getDouble()) : null;
            case UUID_OID -> value.length == 16 ? new UUID(buffer.getLong(), buffer.getLong()).toString() : null;
            default -> null;
        };
    }
}
