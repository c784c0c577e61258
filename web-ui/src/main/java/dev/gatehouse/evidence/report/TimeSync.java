package dev.gatehouse.evidence.report;

import java.time.Instant;

/**
 * The time-sync statement: the gateway's clock at generation, the store's clock measured against it
 * and the operating system's synchronisation state as far as the gateway can read it.
 *
 * @param offsetMillis the store's clock minus the gateway's, measured at generation (round trip halved)
 * @param source       the clock source the operating system reports, or why it could not be read
 */
public record TimeSync(Instant gatewayClock, long offsetMillis, long roundTripMillis, String source) {
}
