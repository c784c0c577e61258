package dev.gatehouse.catalog;

import java.util.UUID;

/** No connection has that id (it may have been deleted by someone else). */
public class ConnectionNotFoundException extends RuntimeException {

    public ConnectionNotFoundException(UUID id) {
        super("no connection with id " + id);
    }

    public ConnectionNotFoundException(String name) {
        super("no connection named '" + name + "'");
    }
}
