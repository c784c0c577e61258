package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Authentication request ('R'). One record for all subtypes because they share a type byte;
 * {@code data} holds the subtype-specific bytes (md5 salt, SASL continue/final data, GSS data)
 * and {@code mechanisms} the SASL mechanism list for {@link #SASL}.
 */
public record AuthenticationRequest(ByteBuf raw, int subtype, byte[] data, List<String> mechanisms)
        implements FramedMessage, BackendMessage {

    public static final char TYPE = 'R';
    public static final int OK = 0;
    public static final int CLEARTEXT_PASSWORD = 3;
    public static final int MD5_PASSWORD = 5;
    public static final int SASL = 10;
    public static final int SASL_CONTINUE = 11;
    public static final int SASL_FINAL = 12;

    public AuthenticationRequest {
        data = data.clone();
        mechanisms = List.copyOf(mechanisms);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The 4-byte salt of an md5 request. */
    public byte[] salt() {
        if (subtype != MD5_PASSWORD) {
            throw new IllegalStateException("not an md5 request: subtype " + subtype);
        }
        return data.clone();
    }

    @Override
    public String toString() {
        return "AuthenticationRequest[subtype=" + subtype + ", dataBytes=" + data.length + ", mechanisms="
                + mechanisms + "]";
    }
}
