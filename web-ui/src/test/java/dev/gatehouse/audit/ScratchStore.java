package dev.gatehouse.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * A throwaway database on the machine's PostgreSQL (127.0.0.1:5432, the one CI starts) with the
 * application's real migrations applied, for tests and benchmarks of the store-side audit code
 * that need no container.
 */
public final class ScratchStore implements AutoCloseable {

    private static final String SERVER = System.getProperty("scratch.pg", "jdbc:postgresql://127.0.0.1:5432/");
    private final String name;

    private ScratchStore(String name) {
        this.name = name;
    }

    public static ScratchStore create(String prefix) throws SQLException {
        String name = prefix + "_" + Long.toHexString(System.nanoTime());
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", ""); Statement st = admin.createStatement()) {
            st.execute("create database " + name);
        }
        ScratchStore store = new ScratchStore(name);
        Flyway.configure().dataSource(store.url(), "postgres", "").locations("classpath:db/migration").load().migrate();
        return store;
    }

    public String url() {
        return SERVER + name;
    }

    /** As the schema's owner (a superuser here): what a malicious DBA could do. */
    public Connection owner() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    /** As the application works: the owner's login switched to the gatehouse_app role, as the pool's init-sql does. */
    public Connection application() throws SQLException {
        Connection connection = owner();
        try (Statement st = connection.createStatement()) {
            st.execute("set role gatehouse_app");
        }
        return connection;
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", ""); Statement st = admin.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
        }
    }
}
