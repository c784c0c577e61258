package dev.gatehouse.audit.siem;

import java.util.Arrays;
import java.util.Optional;

/** How a sink reaches its receiver; the endpoint's form depends on it (docs/siem.md, "Endpoints"). */
public enum SinkTransportKind {

    FILE("file"),
    HTTP("http"),
    TCP("tcp"),
    TLS("tls");

    private final String wireName;

    SinkTransportKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The wire names, comma-separated, for error messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(v -> v.wireName).toList());
    }

    public static Optional<SinkTransportKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
