package dev.gatehouse.evidence.collect;

import dev.gatehouse.evidence.PackScope;
import java.util.Set;

/** Binds evidence SQL to one pack's period and connections. */
record StoreQueries(PackScope scope, Set<String> connections) {

    StoreQuery of(String namedSql) {
        return new StoreQuery(namedSql, scope, connections);
    }
}
