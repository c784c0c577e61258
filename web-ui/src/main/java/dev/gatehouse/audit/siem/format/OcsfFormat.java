package dev.gatehouse.audit.siem.format;

import dev.gatehouse.audit.siem.ExportOrigin;
import dev.gatehouse.audit.siem.ExportedEvent;
import dev.gatehouse.proxy.audit.CanonicalJson;

/** OCSF 1.3.0 events, one JSON object per line (docs/siem.md, "OCSF"). */
public final class OcsfFormat implements SiemFormat {

    private final ExportOrigin origin;

    public OcsfFormat(ExportOrigin origin) {
        this.origin = origin;
    }

    @Override
    public String render(ExportedEvent event) {
        return CanonicalJson.write(OcsfEvent.of(event, origin));
    }

    @Override
    public String mediaType() {
        return "application/x-ndjson";
    }
}
