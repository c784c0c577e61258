package dev.gatehouse.rest;

import dev.gatehouse.catalog.ConnectionTestResult;

/** The result of POST /connections/{id}/test. */
public record ConnectionTestView(boolean success, String message, long elapsedMillis) {

    static ConnectionTestView of(ConnectionTestResult r) {
        return new ConnectionTestView(r.success(), r.message(), r.elapsedMillis());
    }
}
