package dev.gatehouse.ui;

import dev.gatehouse.catalog.ConnectionCatalog;
import dev.gatehouse.catalog.ConnectionNotFoundException;
import dev.gatehouse.catalog.ConnectionTestResult;
import dev.gatehouse.catalog.TargetConnection;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** Backs connections.xhtml: the catalog list with test and delete. */
@Named
@ViewScoped
public class ConnectionsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ConnectionCatalog catalog;

    private List<ConnectionRow> rows = List.of();
    private ConnectionRow selected;

    @PostConstruct
    void load() {
        rows = catalog.list().stream().map(ConnectionRow::of).toList();
    }

    public void test(ConnectionRow row) {
        try {
            ConnectionTestResult result = catalog.test(UUID.fromString(row.id()));
            Messages.outcome(result.success(), "Test of " + row.name(), result.message());
        } catch (ConnectionNotFoundException gone) {
            Messages.error("Connection no longer exists", "It was deleted meanwhile.");
            load();
        }
    }

    public void confirmDelete(ConnectionRow row) {
        this.selected = row;
    }

    public void delete() {
        if (selected == null) {
            return;
        }
        try {
            catalog.delete(UUID.fromString(selected.id()));
            Messages.info("Deleted", "Connection " + selected.name() + " was deleted.");
        } catch (ConnectionNotFoundException gone) {
            Messages.error("Connection no longer exists", "It was deleted meanwhile.");
        }
        selected = null;
        load();
    }

    public List<ConnectionRow> getRows() {
        return rows;
    }

    public ConnectionRow getSelected() {
        return selected;
    }

    /** A flattened, serialisable view of one connection for the table; it never carries the secret. */
    public record ConnectionRow(String id, String name, String type, String endpoint, String database, String username,
            boolean secretSet, String tlsMode, boolean requireClientTls, String labels, String allowedRoles) implements Serializable {

        static ConnectionRow of(TargetConnection c) {
            return new ConnectionRow(c.id().toString(), c.name(), c.type().wireName(), c.host() + ":" + c.port(), c.database(),
                    c.username(), c.secretSet(), c.tlsMode().wireName(), c.requireClientTls(),
                    String.join(", ", c.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList()),
                    String.join(", ", c.allowedRoles().stream().sorted().toList()));
        }
    }
}
