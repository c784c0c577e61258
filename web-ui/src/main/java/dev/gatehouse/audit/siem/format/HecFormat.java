package dev.gatehouse.audit.siem.format;

import dev.gatehouse.audit.siem.ExportOrigin;
import dev.gatehouse.audit.siem.ExportedEvent;
import dev.gatehouse.proxy.audit.CanonicalJson;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splunk HTTP Event Collector envelopes around the NDJSON event (docs/siem.md, "Splunk HEC"). A batch
 * is these objects one after the other in one POST, which the collector's event endpoint accepts.
 */
public final class HecFormat implements SiemFormat {

    static final String SOURCE = "gatehouse";
    static final String SOURCETYPE = "gatehouse:audit";

    private final ExportOrigin origin;

    public HecFormat(ExportOrigin origin) {
        this.origin = origin;
    }

    @Override
    public String render(ExportedEvent event) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("time", epochSeconds(event));
        envelope.put("host", origin.hostName());
        envelope.put("source", SOURCE);
        envelope.put("sourcetype", SOURCETYPE);
        envelope.put("event", EventJson.of(event));
        return CanonicalJson.write(envelope);
    }

    /** HEC wants seconds; the fraction keeps the event's microseconds. */
    static BigDecimal epochSeconds(ExportedEvent event) {
        return BigDecimal.valueOf(event.occurredAt().getEpochSecond())
                .add(BigDecimal.valueOf(event.occurredAt().getNano() / 1_000, 6));
    }

    @Override
    public String mediaType() {
        return "application/json";
    }
}
