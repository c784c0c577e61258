package dev.gatehouse.audit;

import dev.gatehouse.proxy.audit.ChainedEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends many audit rows with one INSERT, for writers that record thousands of events a second
 * (the data-path recorder), where one JPA persist per row would cost a round trip each. The rows are
 * chained in the order they were added and join the caller's transaction through its connection;
 * they get the same columns and the same {@link AuditJson} text as {@link AuditLog#append}.
 */
public final class AuditEventBatch {

    private final Connection connection;
    private final List<PendingAuditRow> rows = new ArrayList<>();

    public AuditEventBatch(Connection connection) {
        this.connection = connection;
    }

    public void add(Instant occurredAt, Actor actor, String action, String targetType, String targetId, String targetName,
            String outcome, Map<String, ?> details) {
        rows.add(new PendingAuditRow(occurredAt, actor, action, targetType, targetId, targetName, outcome, AuditJson.of(details)));
    }

    /** Chains and sends the rows added so far in one statement; returns them as linked. */
    public List<ChainedEvent> execute() throws SQLException {
        List<ChainedEvent> linked = AuditChainAppender.append(connection, rows);
        rows.clear();
        return linked;
    }
}
