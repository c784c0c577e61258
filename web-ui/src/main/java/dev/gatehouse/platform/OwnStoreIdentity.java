package dev.gatehouse.platform;

import dev.gatehouse.proxy.api.StoreIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Gatehouse's own store, as the data path and the connection catalog compare targets with it
 * (issue 17, ADR 0019): the cluster's system identifier and the database name, read once from the
 * pool at start. Until it is known every target counts as the store, so nothing can reach the store
 * in the window before the answer; a failed read is tried again on the next question, off the loop.
 */
@ApplicationScoped
public class OwnStoreIdentity implements StoreIdentity {

    private static final Logger LOG = Logger.getLogger(OwnStoreIdentity.class.getName());

    @Resource(lookup = "java:app/jdbc/gatehouse")
    DataSource dataSource;

    private volatile Known known;

    private record Known(String systemIdentifier, String database) {
    }

    /** Makes sure the identity has been read (blocking); call from a start-up or request thread. */
    public void load() {
        if (known == null) {
            read();
        }
    }

    @PostConstruct
    void read() {
        try (Connection connection = dataSource.getConnection(); Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("select system_identifier::text, current_database() from pg_catalog.pg_control_system()")) {
            rs.next();
            known = new Known(rs.getString(1), rs.getString(2));
            LOG.info(() -> "gatehouse: the store is cluster " + known.systemIdentifier() + ", database " + known.database()
                    + "; connections to it are refused");
        } catch (SQLException e) {
            LOG.log(Level.SEVERE, "cannot read the store's own identity; every target is refused until it can be read", e);
        }
    }

    @Override
    public boolean isStore(String systemIdentifier, String database) {
        Known store = known;
        if (store == null) {
            Thread.startVirtualThread(this::read);
            return true;
        }
        return store.systemIdentifier().equals(systemIdentifier) && store.database().equals(database);
    }
}
