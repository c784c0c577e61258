package dev.gatehouse.assembly;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Creates the gateway's database in a fresh cluster; a no-op on every later start. */
final class StoreDatabase {

    static final String SUPERUSER = "postgres";

    private StoreDatabase() {
    }

    static void ensureExists(int port, String database) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", SUPERUSER);
        login.setProperty("connectTimeout", "10");
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", login)) {
            if (!exists(admin, database)) {
                try (Statement create = admin.createStatement()) {
                    // The name is checked to be a plain identifier (StoreOptions), so quoting is enough.
                    create.execute("CREATE DATABASE \"" + database + "\"");
                }
            }
        }
    }

    private static boolean exists(Connection admin, String database) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet found = query.executeQuery()) {
                return found.next();
            }
        }
    }
}
