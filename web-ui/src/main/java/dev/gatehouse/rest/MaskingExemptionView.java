package dev.gatehouse.rest;

import dev.gatehouse.masking.MaskingExemption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An unmask grant and where it stands now. */
@Schema(name = "MaskingExemption", description = "A time-bound unmask grant; status is active, scheduled, expired or revoked")
public record MaskingExemptionView(String id, String subject, String username, String connection, List<String> ruleIds, String reason,
        Instant startsAt, Instant endsAt, String status, String grantedBy, Instant grantedAt, String revokedBy, Instant revokedAt) {

    static MaskingExemptionView of(MaskingExemption e) {
        return new MaskingExemptionView(e.id().toString(), e.subject(), e.username(), e.connection(),
                e.ruleIds().stream().map(UUID::toString).toList(), e.reason(), e.startsAt(), e.endsAt(), e.status(Instant.now()),
                e.grantedBy(), e.grantedAt(), e.revokedBy(), e.revokedAt());
    }
}
