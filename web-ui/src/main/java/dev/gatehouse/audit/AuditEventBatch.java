package dev.gatehouse.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends many audit rows with one INSERT, for writers that record thousands of events a second
 * (the data-path recorder), where one JPA persist per row with an identity key would cost a round
 * trip each and even a JDBC batch spends most of its time on per-row protocol work. The rows travel
 * as arrays and are unnested in the order they were added, so their ids follow that order. They get
 * the same columns and the same {@link AuditJson} text as {@link AuditLog#append}, and join the
 * caller's transaction through its connection.
 */
public final class AuditEventBatch {

    private static final String INSERT = "insert into audit_event (occurred_at, actor, actor_kind, client_address, action, target_type,"
            + " target_id, target_name, outcome, details)"
            + " select r.occurred_at, r.actor, r.actor_kind, r.client_address, r.action, r.target_type, r.target_id, r.target_name,"
            + " r.outcome, r.details::jsonb"
            + " from unnest(?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[]) with ordinality as r(occurred_at, actor, actor_kind, client_address, action, target_type, target_id,"
            + " target_name, outcome, details, n)"
            + " order by r.n";

    private final Connection connection;
    private final List<String[]> rows = new ArrayList<>();

    public AuditEventBatch(Connection connection) {
        this.connection = connection;
    }

    public void add(Instant occurredAt, Actor actor, String action, String targetType, String targetId, String targetName,
            String outcome, Map<String, ?> details) {
        // Microseconds: PostgreSQL's timestamptz precision, so a re-read row equals what was hashed later.
        rows.add(new String[] {occurredAt.truncatedTo(ChronoUnit.MICROS).toString(), actor.name(), actor.kind(), actor.clientAddress(),
            action, targetType, targetId, targetName, outcome, AuditJson.of(details)});
    }

    /** Sends the rows added so far in one statement; returns how many. */
    public int execute() throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int column = 0; column < 10; column++) {
                String[] values = new String[rows.size()];
                for (int row = 0; row < values.length; row++) {
                    values[row] = rows.get(row)[column];
                }
                Array array = connection.createArrayOf("text", values);
                insert.setArray(column + 1, array);
            }
            insert.executeUpdate();
        }
        int sent = rows.size();
        rows.clear();
        return sent;
    }
}
