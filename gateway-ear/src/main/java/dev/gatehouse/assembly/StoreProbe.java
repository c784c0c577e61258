package dev.gatehouse.assembly;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Logs in to the store once, with short timeouts, the way the gateway's datasource will. */
final class StoreProbe {

    private static final Logger LOG = Logger.getLogger(StoreProbe.class.getName());

    /** Seconds. Short, because a person is waiting, and a healthy store answers in milliseconds. */
    private static final String TIMEOUT_SECONDS = "5";

    private StoreProbe() {
    }

    /** @return why the store cannot be used, as the driver put it; empty when it can */
    static Optional<String> problem(String url, Optional<String> user, Optional<String> password) {
        Properties login = new Properties();
        user.ifPresent(value -> login.setProperty("user", value));
        password.ifPresent(value -> login.setProperty("password", value));
        login.setProperty("connectTimeout", TIMEOUT_SECONDS);
        login.setProperty("loginTimeout", TIMEOUT_SECONDS);
        login.setProperty("socketTimeout", TIMEOUT_SECONDS);
        try (Connection connection = DriverManager.getConnection(url, login)) {
            if (!connection.isValid(Integer.parseInt(TIMEOUT_SECONDS))) {
                return Optional.of("it accepted the login but did not answer");
            }
            return Optional.empty();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "store login failed", e);
            return Optional.of(Messages.firstLine(e));
        }
    }
}
