package dev.gatehouse.audit.siem.format;

import dev.gatehouse.audit.siem.ExportedEvent;

/**
 * Turns one exported event into one record: a single line with no line break inside, so every
 * transport can frame it (a newline for files and NDJSON bodies, an octet count for syslog).
 */
public interface SiemFormat {

    String render(ExportedEvent event);

    /** The media type of an HTTP body made of these records. */
    String mediaType();
}
