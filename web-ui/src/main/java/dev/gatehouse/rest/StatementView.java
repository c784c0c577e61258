package dev.gatehouse.rest;

import dev.gatehouse.proxy.api.BoundParameter;
import dev.gatehouse.proxy.masking.MaskingEvidence;
import dev.gatehouse.recording.RecordedStatement;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One recorded statement. Parameters are as recorded: text values as sent, binary ones by length only. */
@Schema(name = "Statement", description = "A statement of a recorded session, in sequence order. sqlState and errorMessage are set when it failed."
        + " decision is what guardrails decided (ALLOW, DENY, REQUIRE_APPROVAL, ALLOW_AND_ALERT; null when the connection had no guardrails),"
        + " decisionRule the rule that decided (null when none matched), blocked whether guardrails stopped it before the target."
        + " masking names the masking rules that fired, on which columns, and how many values each masked (never a value)."
        + " payloadPurgedAt is set once retention dropped sql and parameters (both then empty); the audit trail keeps their hashes.")
public record StatementView(String sessionId, long sequence, Instant startedAt, Instant endedAt, long durationMicros, String protocolMode,
        String sql, List<ParameterView> parameters, List<String> commandTags, long rows, boolean failed, String sqlState,
        String errorMessage, String decision, String decisionRule, boolean blocked, List<MaskingEvidence> masking, Instant payloadPurgedAt) {

    static StatementView of(RecordedStatement t) {
        return new StatementView(t.sessionId().toString(), t.sequence(), t.startedAt(), t.endedAt(), t.durationMicros(), t.protocolMode(),
                t.sql(), t.parameters().stream().map(ParameterView::of).toList(), t.commandTags(), t.rows(), t.failed(), t.sqlState(),
                t.errorMessage(), t.decision(), t.decisionRule(), t.blocked(), t.masking(), t.payloadPurgedAt());
    }

    /** {@code value} is null for SQL NULL and for binary values; {@code length} is -1 for SQL NULL. */
    @Schema(name = "BoundParameter")
    public record ParameterView(int index, int typeOid, boolean binary, boolean isNull, String value, int length) {

        static ParameterView of(BoundParameter p) {
            return new ParameterView(p.index(), p.typeOid(), p.binary(), p.isNull(), p.value(), p.length());
        }
    }
}
