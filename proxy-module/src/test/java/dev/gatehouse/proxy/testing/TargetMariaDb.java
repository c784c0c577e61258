package dev.gatehouse.proxy.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * MariaDB for tests: the shared server at 127.0.0.1:3306 (root without a password, as on every
 * machine that runs the suite), SQL run through the machine's {@code mariadb} client, and throwaway
 * servers of the machine's own {@code mariadbd} (for TLS, which the shared server has off) on a
 * temporary data directory and a free port.
 */
public final class TargetMariaDb implements AutoCloseable {

    public static final String SHARED_HOST = "127.0.0.1";
    public static final int SHARED_PORT = 3306;

    private final Path directory;
    private final Process server;
    private final int port;

    private TargetMariaDb(Path directory, Process server, int port) {
        this.directory = directory;
        this.server = server;
        this.port = port;
    }

    /** Runs SQL as root on a server; fails the test with the client's output when it fails. */
    public static void sql(int port, String sql) {
        try {
            Process process = new ProcessBuilder("mariadb", "--no-defaults", "-uroot", "-h127.0.0.1", "-P" + port, "--batch", "-e", sql)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("mariadb -e failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the mariadb client", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a query as root and returns its first column's values. */
    public static List<String> query(int port, String sql) {
        try {
            Process process = new ProcessBuilder("mariadb", "--no-defaults", "-uroot", "-h127.0.0.1", "-P" + port, "--batch",
                    "--skip-column-names", "-e", sql).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("mariadb -e failed: " + output);
            }
            return output.isBlank() ? List.of() : List.of(output.strip().split("\n"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the mariadb client", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A throwaway server with TLS from these PEM files; {@code close()} stops it and deletes its data. */
    public static TargetMariaDb startWithTls(Path certificate, Path key, Path ca) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("gh-mariadb-");
        Process install = new ProcessBuilder("mariadb-install-db", "--no-defaults", "--user=" + System.getProperty("user.name"),
                "--datadir=" + directory.resolve("data"), "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(directory.resolve("install.log").toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed: " + Files.readString(directory.resolve("install.log")));
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("mariadbd", "--no-defaults", "--user=" + System.getProperty("user.name"),
                "--datadir=" + directory.resolve("data"), "--socket=" + directory.resolve("sock"), "--port=" + port,
                "--bind-address=127.0.0.1", "--skip-log-bin", "--innodb-buffer-pool-size=16M", "--performance-schema=OFF",
                "--pid-file=" + directory.resolve("pid"), "--ssl-cert=" + certificate, "--ssl-key=" + key, "--ssl-ca=" + ca));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(directory.resolve("server.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return new TargetMariaDb(directory, server, port);
            } catch (IOException notYet) {
                if (!server.isAlive()) {
                    break;
                }
                Thread.sleep(200);
            }
        }
        server.destroyForcibly();
        throw new IllegalStateException("the throwaway mariadbd did not start: " + Files.readString(directory.resolve("server.log")));
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
