package dev.gatehouse.audit.siem.transport;

import java.io.IOException;
import java.util.List;

/**
 * Carries rendered records to one receiver. {@link #send} returns normally only once the receiver
 * has the whole batch, as far as its protocol can tell; any failure is an exception whose message
 * names the problem and never a credential. Implementations may keep a connection open between
 * batches and reopen it after a failure.
 */
public interface SiemTransport extends AutoCloseable {

    void send(List<String> records) throws IOException;

    @Override
    void close();
}
