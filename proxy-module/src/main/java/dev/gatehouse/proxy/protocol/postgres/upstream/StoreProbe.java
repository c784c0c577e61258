package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.api.StoreIdentity;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import java.nio.charset.StandardCharsets;

/**
 * The one query after every upstream login: which cluster and database is this? Its answer is
 * compared with the store's ({@link StoreIdentity}), so no host alias, port forward or DNS name
 * can make the store a target. A target that will not say is refused too: the gateway cannot tell
 * it apart from its store. Runs before any client statement, on the gateway's own session.
 */
final class StoreProbe {

    static final String SQL = "SELECT system_identifier::text, pg_catalog.current_database() FROM pg_catalog.pg_control_system()";

    private final StoreIdentity store;
    private final String connectionName;
    private String systemIdentifier;
    private String database;
    private String error;

    StoreProbe(StoreIdentity store, String connectionName) {
        this.store = store;
        this.connectionName = connectionName;
    }

    void row(DataRow row) {
        if (row.columnCount() == 2 && !row.isNull(0) && !row.isNull(1)) {
            systemIdentifier = row.column(0).toString(StandardCharsets.UTF_8);
            database = row.column(1).toString(StandardCharsets.UTF_8);
        }
    }

    void error(ErrorResponse failure) {
        error = failure.sqlState() == null ? "XX000" : failure.sqlState();
    }

    /** At the probe's ReadyForQuery: returns normally when the target is not the store. */
    void verdict() {
        if (systemIdentifier == null) {
            throw new UpstreamForbiddenException(UpstreamForbiddenException.STORE_TARGET, "the target of connection "
                    + connectionName + " did not say which PostgreSQL cluster it is (pg_control_system()"
                    + (error == null ? " returned nothing" : " failed with SQLSTATE " + error) + "), so the gateway cannot"
                    + " tell it apart from its own store; grant EXECUTE on pg_control_system() to the connection's user");
        }
        if (store.isStore(systemIdentifier, database)) {
            throw new UpstreamForbiddenException(UpstreamForbiddenException.STORE_TARGET, StoreIdentity.refusal(connectionName));
        }
    }
}
