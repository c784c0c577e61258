package dev.gatehouse.audit.siem.format;

import dev.gatehouse.audit.siem.ExportedEvent;
import dev.gatehouse.proxy.audit.CanonicalJson;

/** Gatehouse's own event JSON, one object per line (docs/siem.md, "NDJSON"). */
public final class NdjsonFormat implements SiemFormat {

    @Override
    public String render(ExportedEvent event) {
        // Canonical JSON escapes every control character, so a record never contains a line break.
        return CanonicalJson.write(EventJson.of(event));
    }

    @Override
    public String mediaType() {
        return "application/x-ndjson";
    }
}
