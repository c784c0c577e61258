package dev.gatehouse.proxy.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One value bound to a {@code $n} placeholder, exactly as the client sent it: what an approval of a
 * statement with parameters is bound to (docs/adr/0017). Unlike {@link BoundParameter}, which is
 * what recordings keep, nothing is truncated or described.
 *
 * @param typeOid the type the client declared for it in Parse, 0 when it let the server infer it
 * @param binary  whether it was sent in binary format
 * @param bytes   the value's bytes; null for SQL NULL
 */
public record BoundValue(int typeOid, boolean binary, byte[] bytes) {

    public BoundValue {
        bytes = bytes == null ? null : bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes == null ? null : bytes.clone();
    }

    /**
     * The value as approvers see it and as the approval's fingerprint covers it: {@code NULL}, the
     * text of a text-format value in quotes, or for a binary one its bytes in hex, read as a number
     * too where the declared type is a plain integer or boolean (drivers such as pgjdbc send those in
     * binary). The declared type follows, so the same bytes under another type are another binding.
     */
    public String display() {
        String value = bytes == null ? "NULL"
                : binary ? binaryDisplay()
                : "'" + new String(bytes, StandardCharsets.UTF_8).replace("'", "''") + "'";
        return typeOid == 0 ? value : value + " (type " + typeOid + ")";
    }

    private String binaryDisplay() {
        String hex = "binary:" + HexFormat.of().formatHex(bytes);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
        return switch (typeOid) {
            case 16 -> bytes.length == 1 ? (bytes[0] != 0) + " " + hex : hex;
            case 21 -> bytes.length == 2 ? buffer.getShort() + " " + hex : hex;
            case 23 -> bytes.length == 4 ? buffer.getInt() + " " + hex : hex;
            case 20 -> bytes.length == 8 ? buffer.getLong() + " " + hex : hex;
            default -> hex;
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BoundValue that && typeOid == that.typeOid && binary == that.binary
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * typeOid + Boolean.hashCode(binary)) + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "BoundValue[typeOid=" + typeOid + ", binary=" + binary + ", length=" + (bytes == null ? -1 : bytes.length) + "]";
    }
}
