package dev.gatehouse.rest;

import dev.gatehouse.audit.siem.SiemSink;
import dev.gatehouse.audit.siem.SinkStatus;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A sink as the API returns it. There is no token field, only whether one is set. */
@Schema(name = "SiemSink", description = "A SIEM sink and its delivery status. tokenSet tells whether a token is stored; the token itself"
        + " is never returned. status.lag is the number of chain events not delivered yet.")
public record SiemSinkView(String id, String name, String format, String transport, String endpoint, boolean tokenSet,
        String tlsCaCertificate, boolean enabled, String createdBy, Instant createdAt, Instant updatedAt, StatusView status) {

    @Schema(name = "SiemSinkStatus", description = "state is disabled, failing, delivering or up-to-date")
    public record StatusView(String state, long cursorSeq, long headSeq, long lag, long deliveredCount, int consecutiveFailures,
            String lastError, Instant lastAttemptAt, Instant lastDeliveredAt) {
    }

    static SiemSinkView of(SiemSink s, long headSeq) {
        SinkStatus status = SinkStatus.of(s, headSeq);
        return new SiemSinkView(s.id().toString(), s.name(), s.format().wireName(), s.transport().wireName(), s.endpoint(), s.tokenSet(),
                s.tlsCaCertificate(), s.enabled(), s.createdBy(), s.createdAt(), s.updatedAt(),
                new StatusView(status.state(), status.cursorSeq(), status.headSeq(), status.lag(), status.deliveredCount(),
                        status.consecutiveFailures(), status.lastError(), status.lastAttemptAt(), status.lastDeliveredAt()));
    }
}
