package dev.gatehouse.proxy.api;

import java.util.Map;

/**
 * Where the data path reports what happened. Implementations must not block the caller for I/O:
 * they hand events to a writer of their own. Attribute values must never contain secrets.
 */
public interface AuditSink {

    void record(Identity identity, String action, String targetType, String targetName, String outcome,
            Map<String, ?> attributes);
}
