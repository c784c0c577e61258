package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.PackScope;
import dev.gatehouse.evidence.report.ChainFacts;
import dev.gatehouse.identity.InventoryIdentity;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** What every section builder reads from: the store, bound to the pack's period and connections, and the facts passed in. */
record EvidenceContext(PackScope scope, Set<String> connections, List<InventoryIdentity> inventory, ChainFacts chain,
        Connection store) {

    StoreQueries queries() {
        return new StoreQueries(scope, connections);
    }

    /** The single number a query answers (0 for none). */
    long count(String namedSql) throws SQLException {
        return queries().of(namedSql).singleLong(store);
    }

    /** How many rows an appendix holds: its own query, counted, so a figure and its file cannot disagree. */
    long rowsOf(AppendixQuery appendix) throws SQLException {
        return count("select count(*) from (" + appendix.sql() + ") counted");
    }

    /** A small result (grouped counts, exception lines), never rows of the recording. */
    List<Object[]> rows(String namedSql) throws SQLException {
        return queries().of(namedSql).rows(store);
    }
}
