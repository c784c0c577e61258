package dev.gatehouse.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the integration-test database on the machine's real PostgreSQL before Payara starts.
 * Run by exec-maven-plugin in pre-integration-test; args: JDBC URL of the test database, user.
 */
public final class CreateTestDatabase {

    private CreateTestDatabase() {
    }

    public static void main(String[] args) throws SQLException {
        String url = args[0];
        String user = args[1];
        int slash = url.lastIndexOf('/');
        String database = url.substring(slash + 1).replaceAll("\\?.*", "");
        if (!database.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("unexpected test database name " + database);
        }
        String adminUrl = url.substring(0, slash + 1) + "postgres";
        try (Connection admin = DriverManager.getConnection(adminUrl, user, "");
                PreparedStatement exists = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = admin.createStatement()) {
                        create.execute("create database " + database);
                    }
                }
            }
        }
    }
}
