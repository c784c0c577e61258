package dev.gatehouse.platform;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Connections to the store outside the container's pool, as the configured store user (the
 * schema's owner). For the few jobs a pooled, transaction-enlisted connection cannot do: running
 * migrations, and holding a session-level advisory lock across many transactions.
 */
public final class UnpooledStore {

    private UnpooledStore() {
    }

    /** @param applicationName shown in pg_stat_activity, so an operator sees what the connection is for */
    public static DataSource dataSource(String applicationName) {
        String url = System.getenv("GATEHOUSE_DB_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("GATEHOUSE_DB_URL is not set (./gatehouse run sets it to the embedded store)");
        }
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setURL(url);
        owner.setUser(System.getenv("GATEHOUSE_DB_USER"));
        owner.setPassword(System.getenv("GATEHOUSE_DB_PASSWORD"));
        owner.setConnectTimeout(5);
        owner.setApplicationName(applicationName);
        return owner;
    }
}
