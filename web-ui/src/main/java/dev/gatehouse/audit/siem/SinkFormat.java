package dev.gatehouse.audit.siem;

import dev.gatehouse.audit.siem.format.CefSyslogFormat;
import dev.gatehouse.audit.siem.format.HecFormat;
import dev.gatehouse.audit.siem.format.NdjsonFormat;
import dev.gatehouse.audit.siem.format.OcsfFormat;
import dev.gatehouse.audit.siem.format.SiemFormat;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The formats a sink can send, with the transports each one fits (docs/siem.md, "Formats and transports"). */
public enum SinkFormat {

    NDJSON("ndjson", Set.of(SinkTransportKind.FILE, SinkTransportKind.HTTP)),
    OCSF("ocsf", Set.of(SinkTransportKind.FILE, SinkTransportKind.HTTP)),
    HEC("hec", Set.of(SinkTransportKind.HTTP)),
    CEF("cef", Set.of(SinkTransportKind.TCP, SinkTransportKind.TLS, SinkTransportKind.FILE));

    private final String wireName;
    private final Set<SinkTransportKind> transports;

    SinkFormat(String wireName, Set<SinkTransportKind> transports) {
        this.wireName = wireName;
        this.transports = transports;
    }

    public String wireName() {
        return wireName;
    }

    public boolean fits(SinkTransportKind transport) {
        return transports.contains(transport);
    }

    public Set<SinkTransportKind> transports() {
        return transports;
    }

    public SiemFormat create(ExportOrigin origin) {
        return switch (this) {
            case NDJSON -> new NdjsonFormat();
            case OCSF -> new OcsfFormat(origin);
            case HEC -> new HecFormat(origin);
            case CEF -> new CefSyslogFormat(origin);
        };
    }

    /** The wire names, comma-separated, for error messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(v -> v.wireName).toList());
    }

    public static Optional<SinkFormat> fromWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }
}
