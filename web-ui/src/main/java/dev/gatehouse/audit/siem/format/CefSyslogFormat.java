package dev.gatehouse.audit.siem.format;

import dev.gatehouse.audit.siem.ExportOrigin;
import dev.gatehouse.audit.siem.ExportedEvent;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ArcSight CEF inside an RFC 5424 syslog message (docs/siem.md, "CEF over syslog"):
 * {@code <PRI>1 TIMESTAMP HOSTNAME gatehouse - MSGID [gatehouse@32473 seq="N"] CEF:0|...}. The
 * transport adds the octet-counting frame. The message is UTF-8 without a byte-order mark, as CEF
 * collectors expect.
 */
public final class CefSyslogFormat implements SiemFormat {

    /** RFC 5424 facility 13, "log audit". */
    static final int FACILITY = 13;
    static final String APP_NAME = "gatehouse";
    /**
     * The structured-data id. 32473 is the example enterprise number of RFC 5612; Gatehouse has no
     * registered one yet (docs/siem.md says so), and the id is kept in one place for when it has.
     */
    static final String SD_ID = "gatehouse@32473";
    /** Collectors commonly cap a syslog message near 8 KiB: the statement in {@code request} is cut well before. */
    static final int MAX_STATEMENT_CHARS = 4000;

    private final ExportOrigin origin;

    public CefSyslogFormat(ExportOrigin origin) {
        this.origin = origin;
    }

    @Override
    public String render(ExportedEvent e) {
        EventSeverity severity = EventSeverity.of(e);
        return "<" + (FACILITY * 8 + severity.syslog()) + ">1 "
                + EventJson.time(e.occurredAt()) + " "
                + CefText.token(origin.hostName(), 255) + " "
                + APP_NAME + " - "
                + CefText.token(e.action(), 32) + " "
                + "[" + SD_ID + " seq=\"" + CefText.paramValue(Long.toString(e.seq())) + "\"] "
                + cef(e, severity);
    }

    private String cef(ExportedEvent e, EventSeverity severity) {
        StringBuilder out = new StringBuilder(256);
        out.append("CEF:0|")
                .append(CefText.header(ExportOrigin.VENDOR)).append('|')
                .append(CefText.header(ExportOrigin.PRODUCT)).append('|')
                .append(CefText.header(origin.productVersion())).append('|')
                .append(CefText.header(e.action())).append('|')
                .append(CefText.header(OcsfMapping.words(e.action()))).append('|')
                .append(severity.cef()).append('|');
        boolean first = true;
        for (Map.Entry<String, String> extension : extensions(e).entrySet()) {
            if (!first) {
                out.append(' ');
            }
            first = false;
            out.append(extension.getKey()).append('=').append(CefText.extension(extension.getValue()));
        }
        return out.toString();
    }

    /** In a fixed order; absent values are left out. */
    static Map<String, String> extensions(ExportedEvent e) {
        Map<String, String> ext = new LinkedHashMap<>();
        ext.put("rt", Long.toString(e.occurredAt().toEpochMilli()));
        put(ext, "suser", e.actor());
        String address = e.clientAddress();
        if (IpLiteral.isV4(address)) {
            ext.put("src", address);
        } else if (IpLiteral.isV6(address)) {
            ext.put("c6a2Label", "Source IPv6 Address");
            ext.put("c6a2", address);
        } else {
            put(ext, "shost", address);
        }
        ext.put("act", e.action());
        put(ext, "outcome", e.outcome());
        String connection = "connection".equals(e.targetType()) ? e.targetName() : e.detail("connection");
        labelled(ext, 1, "connection", connection);
        labelled(ext, 2, "sessionId", e.detail("sessionId"));
        labelled(ext, 3, "rule", e.detail("decisionRule") != null ? e.detail("decisionRule") : e.detail("rule"));
        labelled(ext, 4, "decision", e.detail("decision"));
        if (!"connection".equals(e.targetType())) {
            String target = e.targetName() != null ? e.targetName() : e.targetId();
            labelled(ext, 5, "target", target == null ? null : e.targetType() + " " + target);
        }
        labelled(ext, 6, "hash", e.hash());
        ext.put("cn1Label", "seq");
        ext.put("cn1", Long.toString(e.seq()));
        number(ext, "cn2", "rows", e.details() == null ? null : e.details().get("rows"));
        number(ext, "cn3", "durationMicros", e.details() == null ? null : e.details().get("durationMicros"));
        if (e.statementText() != null) {
            String text = e.statementText();
            ext.put("request", text.length() > MAX_STATEMENT_CHARS ? text.substring(0, MAX_STATEMENT_CHARS) : text);
        }
        String reason = e.detail("error") != null ? e.detail("error") : e.detail("message");
        put(ext, "msg", reason != null ? reason : e.detail("reason"));
        return ext;
    }

    private static void labelled(Map<String, String> ext, int n, String label, String value) {
        if (value != null && !value.isBlank()) {
            ext.put("cs" + n + "Label", label);
            ext.put("cs" + n, value);
        }
    }

    private static void number(Map<String, String> ext, String key, String label, Object value) {
        if (value instanceof BigDecimal number && number.stripTrailingZeros().scale() <= 0) {
            ext.put(key + "Label", label);
            ext.put(key, number.toBigInteger().toString());
        } else if (value instanceof Long || value instanceof Integer) {
            ext.put(key + "Label", label);
            ext.put(key, value.toString());
        }
    }

    private static void put(Map<String, String> ext, String key, String value) {
        if (value != null && !value.isBlank()) {
            ext.put(key, value);
        }
    }

    @Override
    public String mediaType() {
        return "text/plain";
    }
}
