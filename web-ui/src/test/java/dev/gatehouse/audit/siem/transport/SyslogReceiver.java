package dev.gatehouse.audit.siem.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A real syslog collector on a loopback port, over TCP or TLS: it reads octet-counted frames
 * (RFC 6587 / RFC 5425) back into messages, refusing any byte that breaks the framing.
 */
public final class SyslogReceiver implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> framingErrors = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    private SyslogReceiver(ServerSocket server) {
        this.server = server;
        Thread acceptor = new Thread(this::acceptLoop, "syslog-receiver-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Plain TCP on the given port (0 for any free one). */
    public static SyslogReceiver tcp(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new SyslogReceiver(server);
    }

    /** TLS with the given server certificate and key. */
    public static SyslogReceiver tls(SSLContext context) throws IOException {
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new SyslogReceiver(server);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                connections.add(socket);
                Thread reader = new Thread(() -> read(socket), "syslog-connection");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void read(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream())) {
            while (true) {
                int length = readLength(in);
                if (length < 0) {
                    return;
                }
                messages.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            if (!(e instanceof EOFException) && !server.isClosed() && !socket.isClosed()) {
                framingErrors.add(e.getMessage());
            }
        }
    }

    /** MSG-LEN SP: digits, then one space; -1 at a clean end of the stream. */
    private int readLength(InputStream in) throws IOException {
        ByteArrayOutputStream digits = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (digits.size() == 0) {
                    return -1;
                }
                throw new EOFException("stream ended inside a frame length");
            }
            if (b == ' ') {
                if (digits.size() == 0) {
                    throw new IOException("a frame starts with a space");
                }
                return Integer.parseInt(digits.toString(StandardCharsets.US_ASCII));
            }
            if (b < '0' || b > '9' || digits.size() > 9) {
                throw new IOException("not an octet-counted frame: byte " + b);
            }
            digits.write(b);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    public List<String> framingErrors() {
        return List.copyOf(framingErrors);
    }

    public int connectionsAccepted() {
        return accepted.get();
    }

    public List<String> awaitMessages(int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (messages.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        return messages();
    }

    /** Hangs up on every client, as a restarting collector would, but keeps listening. */
    public void dropConnections() throws IOException {
        for (Socket socket : connections) {
            socket.close();
        }
        connections.clear();
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }
}
