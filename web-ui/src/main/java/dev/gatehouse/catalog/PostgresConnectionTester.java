package dev.gatehouse.catalog;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.TlsMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Opens one JDBC session to the target, asks for the server version and closes. Error texts are
 * rewritten into plain advice; the driver's own messages name the user but never the password.
 */
@ApplicationScoped
public class PostgresConnectionTester implements ConnectionTester {

    private static final int TIMEOUT_SECONDS = 5;

    @Override
    public ConnectionTestResult test(Connection target, String secret) {
        long start = System.nanoTime();
        Properties props = new Properties();
        props.setProperty("user", target.username());
        if (secret != null) {
            props.setProperty("password", secret);
        }
        props.setProperty("sslmode", sslMode(target.tlsMode()));
        props.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        props.setProperty("socketTimeout", String.valueOf(TIMEOUT_SECONDS));
        props.setProperty("ApplicationName", "gatehouse connection test");
        String url = "jdbc:postgresql://" + hostForUrl(target.host()) + ":" + target.port() + "/" + target.database();
        // The driver comes from WEB-INF/lib; DriverManager does not see it from a container thread, so ask it directly.
        try (var session = new Driver().connect(url, props); Statement st = session.createStatement();
                ResultSet rs = st.executeQuery("select current_setting('server_version')")) {
            rs.next();
            return new ConnectionTestResult(true, "Connected to PostgreSQL " + rs.getString(1) + " as " + target.username(), elapsed(start));
        } catch (SQLException e) {
            return new ConnectionTestResult(false, explain(target, e), elapsed(start));
        }
    }

    static String explain(Connection target, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = target.host() + ":" + target.port();
        return switch (state) {
            case "28P01", "28000" -> "Authentication failed for user \"" + target.username() + "\" on " + where
                    + ": check the username and the stored secret";
            case "3D000" -> "Database \"" + target.database() + "\" does not exist on " + where;
            case "08001", "08004", "08006" -> "Cannot reach " + where + ": " + firstLine(e.getMessage());
            default -> "Connection to " + where + " failed" + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")") + ": " + firstLine(e.getMessage());
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String sslMode(TlsMode mode) {
        return mode.wireName();
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
