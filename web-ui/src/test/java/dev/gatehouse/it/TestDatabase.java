package dev.gatehouse.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Direct JDBC access to the store the deployed gateway uses, to check what really landed in it. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Connection open() throws SQLException {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"), "");
    }

    /** The actions of the audit rows about one target, oldest first. */
    public static List<String> auditActions(String targetId) throws SQLException {
        return auditColumn(targetId, "action");
    }

    /** The details (as JSON text) of the audit rows about one target, oldest first. */
    public static List<String> auditDetails(String targetId) throws SQLException {
        return auditColumn(targetId, "details::text");
    }

    /** Who acted, per audit row about one target, oldest first. */
    public static List<String> auditActors(String targetId) throws SQLException {
        return auditColumn(targetId, "actor");
    }

    private static List<String> auditColumn(String targetId, String column) throws SQLException {
        try (Connection db = open();
                PreparedStatement st = db.prepareStatement("select " + column + " from audit_event where target_id = ? order by id")) {
            st.setString(1, targetId);
            try (ResultSet rs = st.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
                return values;
            }
        }
    }

    /** The first column of the first row of a query on the store (tests' own fixed SQL only). */
    public static String singleValue(String sql) throws SQLException {
        try (Connection db = open(); PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
