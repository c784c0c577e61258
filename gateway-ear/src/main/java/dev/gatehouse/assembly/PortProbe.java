package dev.gatehouse.assembly;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/** Tells whether a TCP port can still be listened on, by binding it for a moment. */
final class PortProbe {

    private PortProbe() {
    }

    /**
     * Binds the wildcard address, which on Linux collides with a listener on any local address
     * (127.0.0.1, ::1 or the wildcard itself), so one probe covers every way the port can be taken.
     */
    static boolean isFreeOnAllAddresses(int port) {
        return isFree(wildcard(), port);
    }

    static boolean isFreeOnLoopback(int port) {
        return isFree(InetAddress.getLoopbackAddress(), port);
    }

    /**
     * SO_REUSEADDR is on, as in the servers that will bind the port next (Payara, PostgreSQL). On
     * Linux it still refuses a port that anyone listens on, but it ignores connections in TIME_WAIT
     * left by the previous run; with it off, every restart within a minute of a stop would be
     * reported as "port in use" with no process to stop.
     */
    private static boolean isFree(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static InetAddress wildcard() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException impossible) {
            // getByAddress only fails for a wrong array length, and 4 is right for IPv4.
            throw new IllegalStateException(impossible);
        }
    }
}
