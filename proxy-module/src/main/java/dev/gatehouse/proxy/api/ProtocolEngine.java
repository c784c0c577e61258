package dev.gatehouse.proxy.api;

import java.net.InetSocketAddress;
import java.time.Duration;

/** One protocol's listener, as the application starts and stops it. */
public interface ProtocolEngine {

    /** e.g. {@code postgres}. */
    String protocol();

    /** Binds the listener and returns where it listens. */
    InetSocketAddress start() throws InterruptedException;

    /** Connections currently open, authenticated or not. */
    int openConnections();

    /**
     * Stops accepting, tells every client the gateway is shutting down, and waits up to
     * {@code grace} for sessions to end (so their last events are recorded).
     */
    void stop(Duration grace);
}
