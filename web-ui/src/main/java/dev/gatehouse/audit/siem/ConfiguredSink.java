package dev.gatehouse.audit.siem;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A sink as its delivery worker reads it at the start of each round: the settings, and where the
 * cursor stands. The token stays sealed here; only the channel opens it.
 */
public record ConfiguredSink(UUID id, String name, SinkFormat format, SinkTransportKind transport, String endpoint, String sealedToken,
        String tlsCaCertificate, boolean enabled, long cursorSeq, int consecutiveFailures, Instant updatedAt) {

    /** Whether a channel opened for {@code other} can carry this sink's events unchanged. */
    boolean sameChannelAs(ConfiguredSink other) {
        return other != null && format == other.format && transport == other.transport && endpoint.equals(other.endpoint)
                && Objects.equals(sealedToken, other.sealedToken) && Objects.equals(tlsCaCertificate, other.tlsCaCertificate);
    }

    @Override
    public String toString() {
        // A record prints every component; even the sealed token stays out of log lines.
        return "ConfiguredSink[" + name + ", " + format.wireName() + " over " + transport.wireName() + " to " + endpoint + "]";
    }
}
