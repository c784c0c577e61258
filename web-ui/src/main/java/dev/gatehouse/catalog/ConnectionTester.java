package dev.gatehouse.catalog;

import dev.gatehouse.proxy.api.Connection;

/** Really dials a target with its stored credentials and reports what happened. */
public interface ConnectionTester {

    ConnectionTestResult test(Connection target, String secret);
}
