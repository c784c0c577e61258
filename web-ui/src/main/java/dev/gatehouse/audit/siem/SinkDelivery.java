package dev.gatehouse.audit.siem;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers one sink's events, one round at a time (docs/siem.md, "Delivery"): claim the sink, read
 * the batch after its cursor, send it, and only then move the cursor, in the same transaction as the
 * claim. A crash between the send and the commit sends the batch again next round: at least once, in
 * chain order. A failed send moves nothing and is retried after an exponential back-off.
 */
public final class SinkDelivery implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SinkDelivery.class.getName());

    /** What a round did, which decides when the next one runs. */
    public enum Round {
        /** A full batch went out: more are probably waiting. */
        MORE,
        /** Everything up to the head was sent. */
        CAUGHT_UP,
        /** Nothing new to send. */
        IDLE,
        /** Another gateway node holds the sink. */
        BUSY,
        /** The send or the store failed. */
        FAILED,
        /** The sink was disabled or deleted: this worker ends. */
        STOPPED
    }

    private final UUID sinkId;
    private final SinkStore store;
    private final SinkChannels channels;
    private final int batchSize;
    private final Duration pollInterval;
    private final Backoff backoff;
    private final Clock clock;
    private SinkChannel channel;
    private ConfiguredSink channelSettings;
    private int consecutiveFailures;

    public SinkDelivery(UUID sinkId, SinkStore store, SinkChannels channels, int batchSize, Duration pollInterval, Backoff backoff,
            Clock clock) {
        this.sinkId = sinkId;
        this.store = store;
        this.channels = channels;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.backoff = backoff;
        this.clock = clock;
    }

    public Round deliverOnce() {
        try {
            Optional<SinkStore.Claim> claimed = store.claim(sinkId);
            if (claimed.isEmpty()) {
                return Round.BUSY;
            }
            try (SinkStore.Claim claim = claimed.get()) {
                return deliver(claim);
            }
        } catch (SinkStoreException e) {
            // The batch may or may not have gone out; the cursor did not move, so it goes again: at least once.
            consecutiveFailures++;
            LOG.log(Level.WARNING, "gatehouse: SIEM sink {0}: the store failed during delivery: {1}", new Object[] {sinkId, e.getMessage()});
            return Round.FAILED;
        }
    }

    private Round deliver(SinkStore.Claim claim) {
        ConfiguredSink sink = claim.sink().orElse(null);
        if (sink == null || !sink.enabled()) {
            claim.commit();
            return Round.STOPPED;
        }
        List<ExportedEvent> events = claim.eventsAfter(sink.cursorSeq(), batchSize);
        if (events.isEmpty()) {
            claim.commit();
            return Round.IDLE;
        }
        try {
            channelFor(sink).send(events);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            String error = channel == null ? SinkChannel.describe(e, null) : channel.describe(e);
            closeChannel();
            consecutiveFailures = claim.failed(error, clock.instant());
            claim.commit();
            if (consecutiveFailures == 1) {
                LOG.log(Level.WARNING, "gatehouse: SIEM sink {0} cannot deliver; retrying with back-off: {1}", new Object[] {sink.name(), error});
            }
            return Round.FAILED;
        }
        claim.delivered(events.getLast().seq(), events.size(), clock.instant());
        claim.commit();
        if (consecutiveFailures > 0) {
            LOG.log(Level.INFO, "gatehouse: SIEM sink {0} delivers again", sink.name());
        }
        consecutiveFailures = 0;
        return events.size() >= batchSize ? Round.MORE : Round.CAUGHT_UP;
    }

    /** The wait before the next round, or null when this worker should end. */
    public Duration delayAfter(Round round) {
        return switch (round) {
            case MORE -> Duration.ZERO;
            case CAUGHT_UP, IDLE, BUSY -> pollInterval;
            case FAILED -> backoff.after(consecutiveFailures);
            case STOPPED -> null;
        };
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** The open channel while the settings stay the same; a change of endpoint, token or format opens a new one. */
    private SinkChannel channelFor(ConfiguredSink sink) throws GeneralSecurityException {
        if (channel != null && !sink.sameChannelAs(channelSettings)) {
            closeChannel();
        }
        if (channel == null) {
            channel = channels.open(sink);
            channelSettings = sink;
        }
        return channel;
    }

    private void closeChannel() {
        if (channel != null) {
            channel.close();
            channel = null;
            channelSettings = null;
        }
    }

    @Override
    public void close() {
        closeChannel();
    }
}
