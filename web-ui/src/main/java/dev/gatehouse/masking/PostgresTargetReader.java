package dev.gatehouse.masking;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.masking.CatalogColumn;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Reads a PostgreSQL target with the connection's stored credentials, over JDBC, in a read-only
 * session with short timeouts: the catalog's columns for the coverage view, and samples of a
 * column's values for the detectors. It blocks, so it runs on request threads, never an event loop.
 */
@ApplicationScoped
public class PostgresTargetReader {

    private static final int TIMEOUT_SECONDS = 10;
    static final int MAX_COLUMNS = 5000;

    /** A column as the target's catalog lists it. */
    public record TargetColumn(CatalogColumn column, String dataType) {
    }

    public interface Work<T> {
        T run(java.sql.Connection session) throws SQLException;
    }

    public List<TargetColumn> columns(Connection target, char[] secret) {
        return withSession(target, secret, session -> {
            List<TargetColumn> columns = new ArrayList<>();
            try (PreparedStatement st = session.prepareStatement("""
                    select c.table_schema, c.table_name, c.column_name, c.data_type
                      from information_schema.columns c
                     where c.table_schema not in ('pg_catalog', 'information_schema') and c.table_schema not like 'pg_toast%'
                     order by c.table_schema, c.table_name, c.ordinal_position
                     limit ?""")) {
                st.setInt(1, MAX_COLUMNS);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        columns.add(new TargetColumn(new CatalogColumn(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getString(4)));
                    }
                }
            }
            return columns;
        });
    }

    /** Up to {@code limit} non-null values of the column, as text. The values go to the detectors only. */
    public static List<String> sample(java.sql.Connection session, CatalogColumn column, int limit) throws SQLException {
        String sql = "select " + quote(column.column()) + "::text from " + quote(column.schema()) + "." + quote(column.table())
                + " where " + quote(column.column()) + " is not null limit " + limit;
        List<String> values = new ArrayList<>();
        try (Statement st = session.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    public <T> T withSession(Connection target, char[] secret, Work<T> work) {
        Properties props = new Properties();
        props.setProperty("user", target.username());
        if (secret != null) {
            props.setProperty("password", new String(secret));
        }
        props.setProperty("sslmode", target.tlsMode().wireName());
        props.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        props.setProperty("socketTimeout", String.valueOf(TIMEOUT_SECONDS * 3));
        props.setProperty("ApplicationName", "gatehouse masking coverage");
        props.setProperty("readOnly", "true");
        String host = target.host().contains(":") && !target.host().startsWith("[") ? "[" + target.host() + "]" : target.host();
        String url = "jdbc:postgresql://" + host + ":" + target.port() + "/" + target.database();
        // The driver comes from WEB-INF/lib; DriverManager does not see it from a container thread, so ask it directly.
        try (java.sql.Connection session = new Driver().connect(url, props)) {
            session.setReadOnly(true);
            try (Statement st = session.createStatement()) {
                st.execute("set statement_timeout = '" + TIMEOUT_SECONDS + "s'");
            }
            return work.run(session);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
            String first = e.getMessage() == null ? "no detail" : e.getMessage().lines().findFirst().orElse("no detail");
            throw new TargetUnavailableException("cannot read " + target.name() + " at " + target.host() + ":" + target.port() + state + ": "
                    + first);
        } finally {
            props.remove("password");
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
