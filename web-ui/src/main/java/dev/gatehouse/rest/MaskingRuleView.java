package dev.gatehouse.rest;

import dev.gatehouse.masking.MaskingSummary;
import dev.gatehouse.masking.StoredMaskingRule;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored masking rule as the API returns it: the request's fields plus its place, summary and history. */
@Schema(name = "MaskingRule", description = "A masking rule. Fields of other targets and methods are null. summary says what, how and"
        + " for whom in words.")
public record MaskingRuleView(String id, String name, String connection, int position, boolean enabled, List<String> roles,
        List<String> identities, String target, String schema, String table, String column, String namePattern, String detector,
        String customRegex, String customLabel, String method, String placeholder, Integer keepFirst, Integer keepLast, String maskChar,
        String keyId, String summary, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt, long version) {

    static MaskingRuleView of(StoredMaskingRule r) {
        return new MaskingRuleView(r.id().toString(), r.name(), r.connection(), r.position(), r.enabled(), r.roles(), r.identities(),
                r.target(), r.schema(), r.table(), r.column(), r.namePattern(), r.detectorKind(), r.customRegex(), r.customLabel(),
                r.method(), r.placeholder(), r.keepFirst(), r.keepLast(), r.maskChar(), r.keyId(),
                MaskingSummary.target(r) + "; " + MaskingSummary.method(r) + "; for " + MaskingSummary.scope(r),
                r.createdBy(), r.createdAt(), r.updatedBy(), r.updatedAt(), r.version());
    }
}
