package dev.gatehouse.audit.siem.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Syslog over TCP (RFC 6587) or TLS (RFC 5425) with octet-counting frames, on one persistent
 * connection that is reopened after any failure. TLS verifies the collector's certificate chain and
 * its host name. Syslog has no acknowledgement: a batch counts as delivered once it is written and
 * flushed; before each batch the connection is checked for a collector that hung up meanwhile, and a
 * watchdog closes a connection whose collector stopped reading, so a write can never hang a worker.
 */
public final class SyslogStreamTransport implements SiemTransport {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String host;
    private final int port;
    private final SSLSocketFactory tls;
    private final Duration writeTimeout;
    private final ScheduledExecutorService watchdog;
    private Socket socket;

    /**
     * @param tls      null for plain TCP
     * @param watchdog runs the close of a connection whose write takes longer than {@code writeTimeout}
     */
    public SyslogStreamTransport(String host, int port, SSLSocketFactory tls, Duration writeTimeout, ScheduledExecutorService watchdog) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.writeTimeout = writeTimeout;
        this.watchdog = watchdog;
    }

    @Override
    public synchronized void send(List<String> records) throws IOException {
        if (socket != null && collectorHungUp()) {
            close();
        }
        if (socket == null) {
            socket = connect();
        }
        Socket current = socket;
        ScheduledFuture<?> guard = watchdog.schedule(() -> closeQuietly(current), writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            OutputStream out = current.getOutputStream();
            out.write(OctetCounting.frame(records));
            out.flush();
        } catch (IOException e) {
            close();
            throw guard.isDone() ? new IOException("the collector at " + host + ":" + port + " stopped reading for "
                    + writeTimeout.toSeconds() + " s") : e;
        } finally {
            guard.cancel(false);
        }
    }

    private Socket connect() throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
            raw.setKeepAlive(true);
            if (tls == null) {
                return raw;
            }
            SSLSocket secure = (SSLSocket) tls.createSocket(raw, host, port, true);
            SSLParameters parameters = secure.getSSLParameters();
            // SSLSocket checks the chain but not the name unless asked; "HTTPS" is the RFC 2818/6125 name check.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(parameters);
            secure.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
            secure.startHandshake();
            secure.setSoTimeout(0);
            return secure;
        } catch (IOException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    /**
     * A collector never sends on a syslog connection, so a read that finds the end of the stream (or
     * an error) means it went away; a read that times out means it is still there.
     */
    private boolean collectorHungUp() {
        try {
            socket.setSoTimeout(1);
            InputStream in = socket.getInputStream();
            int read = in.read();
            socket.setSoTimeout(0);
            return read < 0;
        } catch (SocketTimeoutException stillThere) {
            try {
                socket.setSoTimeout(0);
                return false;
            } catch (IOException e) {
                return true;
            }
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            closeQuietly(socket);
            socket = null;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already broken; nothing more to release.
        }
    }
}
