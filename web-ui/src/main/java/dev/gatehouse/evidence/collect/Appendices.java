package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.PackEntries;
import dev.gatehouse.evidence.PackProgress;
import dev.gatehouse.evidence.PackScope;
import dev.gatehouse.identity.InventoryIdentity;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes every appendix of a pack, each as {@code appendix/<name>.csv} and {@code appendix/<name>.json},
 * streamed from the store through cursors: no appendix is ever held in memory.
 *
 * <p>Every file is read in one snapshot. When the connection is in autocommit mode, this opens a
 * read-only REPEATABLE READ transaction of its own and ends it; when the caller already runs a
 * transaction (autocommit off), the caller owns it, and should make it REPEATABLE READ so the
 * figures and the appendices agree.
 */
public final class Appendices {

    /** The appendix names, in the order they are written. */
    public static final List<String> NAMES = List.of("identities", "access-grants", "approvals", "approval-steps", "sessions",
            "statements", "blocked-commands", "denied-access", "masking-coverage", "masking-exemptions", "retention",
            "retention-runs", "log-access", "siem", "access-reviews", "access-revocations");

    private Appendices() {
    }

    /**
     * @param connections the names {@link ScopeResolver} resolved the scope to
     * @param progress    told each appendix as it starts, 0..100 over the appendices
     * @return rows per appendix name, in {@link #NAMES} order
     */
    public static Map<String, Long> writeAll(PackScope scope, Set<String> connections, List<InventoryIdentity> inventory,
            Connection store, PackEntries out, PackProgress progress) throws IOException, SQLException {
        boolean ownTransaction = store.getAutoCommit();
        int isolation = store.getTransactionIsolation();
        if (ownTransaction) {
            store.setAutoCommit(false);
            store.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        try {
            return write(scope, connections, inventory, store, out, progress);
        } finally {
            if (ownTransaction) {
                store.rollback(); // read only: nothing to keep
                store.setAutoCommit(true);
                store.setTransactionIsolation(isolation);
            }
        }
    }

    private static Map<String, Long> write(PackScope scope, Set<String> connections, List<InventoryIdentity> inventory,
            Connection store, PackEntries out, PackProgress progress) throws IOException, SQLException {
        StoreQueries queries = new StoreQueries(scope, connections);
        AppendixWriter writer = new AppendixWriter(scope, connections, out);
        Map<String, Long> counts = new LinkedHashMap<>();
        progress.at("appendix identities", 0);
        counts.put("identities", writer.write("identities", IdentityAppendix.COLUMNS,
                IdentityAppendix.rows(inventory, IdentityAppendix.usage(queries, store))));
        for (AppendixQuery appendix : queries()) {
            progress.at("appendix " + appendix.name(), 100 * counts.size() / NAMES.size());
            counts.put(appendix.name(), writer.write(appendix.name(), appendix.columns(), new SqlRows(store, queries.of(appendix.sql()))));
        }
        progress.at("appendices written", 100);
        Map<String, Long> ordered = new LinkedHashMap<>();
        NAMES.forEach(name -> ordered.put(name, counts.get(name)));
        return ordered;
    }

    /** The queries behind the SQL appendices, for tests and the documentation. */
    static List<AppendixQuery> queries() {
        List<AppendixQuery> all = new ArrayList<>();
        all.addAll(ApprovalAppendices.all());
        all.addAll(ActivityAppendices.all());
        all.addAll(GovernanceAppendices.all());
        all.addAll(LogAppendices.all());
        return all;
    }
}
