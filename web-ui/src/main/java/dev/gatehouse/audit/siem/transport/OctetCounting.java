package dev.gatehouse.audit.siem.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Syslog over a stream (RFC 6587 section 3.4.1, RFC 5425 section 4.3): each message is preceded by
 * its length in octets and one space. Unlike newline framing, a message may contain any byte.
 */
public final class OctetCounting {

    private OctetCounting() {
    }

    public static byte[] frame(List<String> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String message : messages) {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
