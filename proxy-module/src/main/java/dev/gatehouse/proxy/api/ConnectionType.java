package dev.gatehouse.proxy.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of target system Gatehouse can stand in front of. Each value maps to one protocol folder
 * under {@code dev.gatehouse.proxy.protocol}. Only the types with a listener in this build are
 * {@link #supported() supported}; the others are reserved names so stored data never has to change.
 */
public enum ConnectionType {
    POSTGRES("postgres", 5432, true),
    MYSQL("mysql", 3306, false),
    SSH("ssh", 22, false),
    HTTP("http", 443, false),
    KUBERNETES("kubernetes", 6443, false);

    private final String wireName;
    private final int defaultPort;
    private final boolean supported;

    ConnectionType(String wireName, int defaultPort, boolean supported) {
        this.wireName = wireName;
        this.defaultPort = defaultPort;
        this.supported = supported;
    }

    /** The lower-case name used in the REST API, the UI and the database. */
    public String wireName() {
        return wireName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** True when this build can proxy the type; the catalog refuses the others with a clear error. */
    public boolean supported() {
        return supported;
    }

    public static Optional<ConnectionType> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wanted)).findFirst();
    }

    public static String supportedNames() {
        return String.join(", ", Arrays.stream(values()).filter(ConnectionType::supported).map(ConnectionType::wireName).toList());
    }
}
