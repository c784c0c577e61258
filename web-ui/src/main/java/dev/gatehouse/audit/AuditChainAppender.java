package dev.gatehouse.audit;

import dev.gatehouse.proxy.audit.ChainedEvent;
import dev.gatehouse.proxy.audit.Digests;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends rows to the hash chain inside the caller's transaction (ADR 0012). A transaction-scoped
 * advisory lock serializes appenders across every gateway node sharing the store; the head is read
 * only after the lock is held, so each batch links to the last committed row, and the lock is
 * released by the commit, which makes the rows visible to the next holder. The unique index on seq
 * is the backstop: a writer that somehow linked to a stale head fails instead of forking the chain.
 *
 * <p>Because the lock lives until commit, callers append their audit rows last in the transaction.
 */
final class AuditChainAppender {

    /** The advisory lock key of the chain head ("gatehous" in ASCII); documented in ADR 0012. */
    static final long CHAIN_LOCK = 0x6761746568_6f7573L;

    private static final String LOCK = "select pg_advisory_xact_lock(" + CHAIN_LOCK + ")";
    private static final String HEAD = "select seq, hash from audit_event where seq is not null order by seq desc limit 1";
    private static final String INSERT = "insert into audit_event (seq, prev_hash, hash, details_sha256, occurred_at, actor, actor_kind,"
            + " client_address, action, target_type, target_id, target_name, outcome, details)"
            + " select r.seq, r.prev_hash, r.hash, r.details_sha256, r.occurred_at, r.actor, r.actor_kind, r.client_address, r.action,"
            + " r.target_type, r.target_id, r.target_name, r.outcome, r.details::jsonb"
            + " from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality as r(seq, prev_hash, hash, details_sha256,"
            + " occurred_at, actor, actor_kind, client_address, action, target_type, target_id, target_name, outcome, details, n)"
            + " order by r.n";

    private AuditChainAppender() {
    }

    static List<ChainedEvent> append(Connection connection, List<PendingAuditRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        try (Statement lock = connection.createStatement()) {
            lock.execute(LOCK);
        }
        long seq = 0;
        String prev = ChainedEvent.GENESIS;
        try (Statement head = connection.createStatement(); ResultSet rs = head.executeQuery(HEAD)) {
            if (rs.next()) {
                seq = rs.getLong(1);
                prev = rs.getString(2);
            }
        }
        List<ChainedEvent> linked = new ArrayList<>(rows.size());
        for (PendingAuditRow row : rows) {
            ChainedEvent event = ChainedEvent.link(++seq, row.occurredAt(), row.action(), row.actor().name(), row.actor().kind(),
                    row.actor().clientAddress(), row.targetType(), row.targetId(), row.targetName(), row.outcome(),
                    Digests.sha256Hex(row.details()), prev);
            linked.add(event);
            prev = event.hash();
        }
        insert(connection, rows, linked);
        return linked;
    }

    private static void insert(Connection connection, List<PendingAuditRow> rows, List<ChainedEvent> linked) throws SQLException {
        int n = rows.size();
        Long[] seqs = new Long[n];
        String[][] text = new String[13][n];
        for (int i = 0; i < n; i++) {
            ChainedEvent e = linked.get(i);
            PendingAuditRow row = rows.get(i);
            seqs[i] = e.seq();
            text[0][i] = e.prevHash();
            text[1][i] = e.hash();
            text[2][i] = e.detailsSha256();
            text[3][i] = e.occurredAt().toString();
            text[4][i] = e.actor();
            text[5][i] = e.actorKind();
            text[6][i] = e.clientAddress();
            text[7][i] = e.action();
            text[8][i] = e.targetType();
            text[9][i] = e.targetId();
            text[10][i] = e.targetName();
            text[11][i] = e.outcome();
            text[12][i] = row.details();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, connection.createArrayOf("bigint", seqs));
            for (int column = 0; column < text.length; column++) {
                insert.setArray(column + 2, connection.createArrayOf("text", text[column]));
            }
            insert.executeUpdate();
        }
    }
}
