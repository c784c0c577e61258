package dev.gatehouse.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Direct JDBC access to the store the deployed gateway uses, to check what really landed in it. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Connection open() throws SQLException {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"), "");
    }
}
