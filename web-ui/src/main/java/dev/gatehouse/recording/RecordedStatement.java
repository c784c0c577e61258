package dev.gatehouse.recording;

import dev.gatehouse.proxy.api.BoundParameter;
import dev.gatehouse.proxy.masking.MaskingEvidence;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One statement of a recorded session, for reading; written by {@link JpaSessionRecorder}. */
@Entity
@Immutable
@IdClass(StatementKey.class)
@Table(name = "data_statement")
public class RecordedStatement {

    @Id
    @Column(name = "session_id")
    private UUID sessionId;

    @Id
    private long sequence;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "duration_micros")
    private long durationMicros;

    @Column(name = "protocol_mode")
    private String protocolMode;

    @Column(name = "sql_text")
    private String sql;

    @Column(columnDefinition = "jsonb")
    private String parameters;

    @Column(name = "command_tags")
    private String commandTags;

    @Column(name = "row_count")
    private long rows;

    @Column(name = "sql_state")
    private String sqlState;

    @Column(name = "error_message")
    private String errorMessage;

    private String decision;

    @Column(name = "decision_rule")
    private String decisionRule;

    /** JSON: which masking rules fired on which columns, how often (see RecordedText#maskingJson). */
    private String masking;

    @Column(name = "payload_purged_at")
    private Instant payloadPurgedAt;

    protected RecordedStatement() {
        // for JPA
    }

    public boolean failed() {
        return sqlState != null;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public long sequence() {
        return sequence;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public long durationMicros() {
        return durationMicros;
    }

    public String protocolMode() {
        return protocolMode;
    }

    /** Null once retention purged the payload ({@link #payloadPurgedAt()}). */
    public String sql() {
        return sql;
    }

    /** When retention dropped the text and parameters; null while they are kept. */
    public Instant payloadPurgedAt() {
        return payloadPurgedAt;
    }

    /** As recorded: text values as sent, binary values by length only; empty once purged. */
    public List<BoundParameter> parameters() {
        return RecordedText.parametersFromJson(parameters);
    }

    /** Which masking rules fired on which columns and how many values each masked; empty when none did. */
    public List<MaskingEvidence> masking() {
        return RecordedText.maskingFromJson(masking);
    }

    public List<String> commandTags() {
        return RecordedText.splitTags(commandTags);
    }

    public long rows() {
        return rows;
    }

    public String sqlState() {
        return sqlState;
    }

    public String errorMessage() {
        return errorMessage;
    }

    /** ALLOW, DENY, REQUIRE_APPROVAL or ALLOW_AND_ALERT; null when the connection had no guardrails. */
    public String decision() {
        return decision;
    }

    /** The rule that decided, or null when none matched. */
    public String decisionRule() {
        return decisionRule;
    }

    /** Guardrails stopped it: it never reached the target. */
    public boolean blocked() {
        return "DENY".equals(decision) || "REQUIRE_APPROVAL".equals(decision);
    }
}
