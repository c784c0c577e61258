package dev.gatehouse.audit.siem;

import dev.gatehouse.audit.siem.format.SiemFormat;
import dev.gatehouse.audit.siem.transport.SiemTransport;
import java.io.IOException;
import java.util.List;

/** A format and a transport, opened for one sink: events in, records on the wire. */
public final class SinkChannel implements AutoCloseable {

    private static final int MAX_ERROR = 500;

    private final SiemFormat format;
    private final SiemTransport transport;
    private final String token;

    SinkChannel(SiemFormat format, SiemTransport transport, String token) {
        this.format = format;
        this.transport = transport;
        this.token = token;
    }

    public void send(List<ExportedEvent> events) throws IOException {
        transport.send(events.stream().map(format::render).toList());
    }

    /**
     * What went wrong, for last_error, the UI and the log. The transports never put the token into a
     * message, and a receiver that echoes it back has it cut out here.
     */
    public String describe(Exception failure) {
        return describe(failure, token);
    }

    static String describe(Exception failure, String token) {
        String text = failure.getMessage() == null || failure.getMessage().isBlank()
                ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (token != null && !token.isEmpty()) {
            text = text.replace(token, "[token]");
        }
        text = text.replaceAll("[\\r\\n\\t]+", " ");
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) + "..." : text;
    }

    @Override
    public void close() {
        transport.close();
    }
}
