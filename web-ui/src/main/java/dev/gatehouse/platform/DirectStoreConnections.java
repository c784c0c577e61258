package dev.gatehouse.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Connections to the store outside the container's pool, from the same GATEHOUSE_DB_* settings:
 * for migrations (as the owner) and for long reads that manage their own transaction, such as
 * verifying or exporting the audit chain (as gatehouse_app, like the pool). A pooled connection is
 * enlisted and managed by the container and refuses the read-only, cursor-holding transaction a
 * streamed read needs.
 */
public final class DirectStoreConnections {

    private DirectStoreConnections() {
    }

    /** The configured user's data source: the schema owner that runs migrations. */
    public static DataSource owner() {
        String url = System.getenv("GATEHOUSE_DB_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("GATEHOUSE STARTUP FAILED: GATEHOUSE_DB_URL is not set (./gatehouse run sets it to the"
                    + " embedded store)");
        }
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setURL(url);
        owner.setUser(System.getenv("GATEHOUSE_DB_USER"));
        owner.setPassword(System.getenv("GATEHOUSE_DB_PASSWORD"));
        owner.setConnectTimeout(5);
        owner.setApplicationName("gatehouse-direct");
        return owner;
    }

    /** A new connection working as gatehouse_app, the pool's role: it can read the audit tables but not change them. */
    public static Connection application() throws SQLException {
        Connection connection = owner().getConnection();
        try (Statement role = connection.createStatement()) {
            role.execute("set role gatehouse_app");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
