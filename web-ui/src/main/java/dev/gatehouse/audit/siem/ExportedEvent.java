package dev.gatehouse.audit.siem;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One audit-chain row as the SIEM export sees it: the row's columns, its details parsed back from
 * jsonb (null once retention purged them), and for statement events the statement text from the
 * recording (null once purged). It never carries statement parameters: they stay in the recording.
 *
 * @param seq the chain position; 0 only for the synthetic test event, which is not part of the chain
 */
public record ExportedEvent(long seq, Instant occurredAt, String actor, String actorKind, String clientAddress, String action,
        String targetType, String targetId, String targetName, String outcome, Map<String, Object> details, String statementText,
        String hash, String prevHash) {

    /** The actions whose details name a recorded statement (sessionId and sequence). */
    public static final Set<String> STATEMENT_ACTIONS = Set.of("statement.executed", "statement.blocked", "guardrail.alert");

    /** The action of the event {@code POST /audit/sinks/{id}/test} sends. */
    public static final String TEST_ACTION = "siem_sink.test";

    public ExportedEvent {
        // Sorted and unmodifiable; JSON nulls inside details stay nulls, which Map.copyOf would refuse.
        details = details == null ? null : Collections.unmodifiableMap(new TreeMap<>(details));
    }

    public boolean statementEvent() {
        return STATEMENT_ACTIONS.contains(action);
    }

    /** A value of the details as text; null when absent, JSON null, or purged. */
    public String detail(String key) {
        Object value = details == null ? null : details.get(key);
        return value == null ? null : value.toString();
    }
}
