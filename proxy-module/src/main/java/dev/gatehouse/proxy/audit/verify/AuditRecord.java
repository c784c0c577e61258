package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.ChainedEvent;

/**
 * One chained row as a source hands it to the verifier.
 *
 * @param details the event's details as parsed JSON (maps, lists, strings, BigDecimals...), or
 *                null when retention purged them
 * @param payload the recorded statement behind a {@code statement.executed} event, or null when
 *                there is none or the source cannot give it
 */
public record AuditRecord(ChainedEvent event, Object details, StatementPayload payload) {

    public long seq() {
        return event.seq();
    }
}
