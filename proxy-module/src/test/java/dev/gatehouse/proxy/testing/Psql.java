package dev.gatehouse.proxy.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real psql (and pgbench) binaries against the gateway. */
public final class Psql {

    /** What a finished client process printed. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String all() {
            return stdout + "\n" + stderr;
        }
    }

    private Psql() {
    }

    /** psql with {@code -X} (no ~/.psqlrc) and the given extra arguments; the password comes from PGPASSWORD. */
    public static Result psql(int port, String connection, String database, String sslmode, String password, String stdin,
            String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("psql", "-X", "-v", "VERBOSITY=verbose",
                "host=127.0.0.1 port=" + port + " user=" + connection + " dbname=" + database + " sslmode=" + sslmode
                        + " connect_timeout=10"));
        command.addAll(List.of(arguments));
        return run(command, password, stdin, 60);
    }

    public static Result run(List<String> command, String password, String stdin, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("PGPASSWORD", password);
        env.put("PGCONNECT_TIMEOUT", "10");
        env.remove("PGSERVICE");
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        // Read both streams fully before waiting: a full pipe would block the client forever.
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread.ofVirtual().start(() -> {
            try {
                err.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.complete("");
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish within " + timeoutSeconds + " s: " + out);
        }
        return new Result(process.exitValue(), out, err.join());
    }
}
