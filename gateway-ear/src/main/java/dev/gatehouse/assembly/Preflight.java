package dev.gatehouse.assembly;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks, before the launcher starts Payara, the things that would otherwise fail deep inside the
 * server log: the listening ports, the store login and the master key.
 *
 * <pre>
 * java -cp 'gateway-ear-VERSION.jar:lib/*' dev.gatehouse.assembly.Preflight \
 *     [--http-port N] [--pg-port N] [--port VARIABLE=N]... \
 *     --db-url URL [--db-user USER] [--db-password-env VARIABLE] [--verbose]
 * </pre>
 *
 * <p>Ports: each port is named by the environment variable it came from, so the message can say
 * which setting to change. {@code --http-port N} is short for {@code --port GATEHOUSE_HTTP_PORT=N}
 * and {@code --pg-port N} for {@code --port GATEHOUSE_PG_PORT=N}; add any other listener with
 * {@code --port VARIABLE=N}. List only ports the gateway itself will bind, not the store's.
 *
 * <p>The password is read from the environment variable named by {@code --db-password-env}, never
 * from the command line, where any local user could read it with {@code ps}. The master key comes
 * from {@code GATEHOUSE_MASTER_KEY} or {@code GATEHOUSE_MASTER_KEY_FILE}, checked as the gateway
 * reads them; {@code GATEHOUSE_PROFILE=production} requires one.
 *
 * <p>Checks run in this order and stop at the first failure, which is one line on stderr beginning
 * {@code gatehouse: cannot start:}. Exit codes:
 * <ul>
 *   <li>0: all checks passed; prints {@code gatehouse: preflight ok} on stdout</li>
 *   <li>2: wrong command line</li>
 *   <li>4: a port is in use, or two variables name the same port</li>
 *   <li>5: the store cannot be reached or refuses the login</li>
 *   <li>6: the master key is missing (production), unreadable or not base64 of 32 bytes</li>
 * </ul>
 * Neither the password nor the key ever appears in the output.
 */
public final class Preflight {

    static final int EXIT_OK = 0;
    static final int EXIT_USAGE = 2;
    static final int EXIT_PORT_IN_USE = 4;
    static final int EXIT_STORE_UNREACHABLE = 5;
    static final int EXIT_MASTER_KEY = 6;

    private static final String PREFIX = "gatehouse: ";
    private static final String CANNOT_START = PREFIX + "cannot start: ";

    private final PrintStream out;
    private final PrintStream err;

    private Preflight(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        ConsoleLogging.install("gatehouse", List.of(args).contains("--verbose"), "org.postgresql");
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs every check against the given environment; returns the process exit code. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return new Preflight(out, err).check(args, env);
    }

    private int check(String[] args, Map<String, String> env) {
        PreflightOptions options;
        try {
            options = PreflightOptions.parse(args);
        } catch (UsageException e) {
            err.println(PREFIX + "preflight: " + e.getMessage() + "; " + PreflightOptions.USAGE);
            return EXIT_USAGE;
        }
        Optional<String> portProblem = portProblem(options.ports());
        if (portProblem.isPresent()) {
            return fail(portProblem.get(), EXIT_PORT_IN_USE);
        }
        Optional<String> password = options.dbPasswordVariable().map(env::get);
        Optional<String> storeProblem = StoreProbe.problem(options.dbUrl(), options.dbUser(), password);
        if (storeProblem.isPresent()) {
            String reason = withoutSecrets(storeProblem.get(), password, options.dbUrl());
            return fail("the store database at " + JdbcUrls.withoutCredentials(options.dbUrl()) + " is unreachable ("
                    + reason + "); check GATEHOUSE_DB_URL/_USER/_PASSWORD", EXIT_STORE_UNREACHABLE);
        }
        Optional<String> keyProblem = MasterKeyCheck.problem(env);
        if (keyProblem.isPresent()) {
            return fail(keyProblem.get(), EXIT_MASTER_KEY);
        }
        out.println(PREFIX + "preflight ok");
        return EXIT_OK;
    }

    private static Optional<String> portProblem(List<NamedPort> ports) {
        Map<Integer, NamedPort> claimed = new HashMap<>();
        for (NamedPort port : ports) {
            NamedPort earlier = claimed.putIfAbsent(port.port(), port);
            if (earlier != null && !earlier.variable().equals(port.variable())) {
                return Optional.of(earlier.variable() + " and " + port.variable() + " are both " + port.port()
                        + "; set one of them to another port");
            }
        }
        for (NamedPort port : ports) {
            if (!PortProbe.isFreeOnAllAddresses(port.port())) {
                return Optional.of(port + " is already in use; stop the other process or set " + port.variable());
            }
        }
        return Optional.empty();
    }

    /** The driver does not echo passwords today; this keeps it so if a future message does. */
    private static String withoutSecrets(String message, Optional<String> password, String url) {
        String scrubbed = message;
        if (password.isPresent() && !password.get().isEmpty()) {
            scrubbed = scrubbed.replace(password.get(), "***");
        }
        for (String secret : JdbcUrls.secretValues(url)) {
            if (!secret.isEmpty()) {
                scrubbed = scrubbed.replace(secret, "***");
            }
        }
        return scrubbed;
    }

    private int fail(String reason, int exitCode) {
        err.println(CANNOT_START + reason);
        return exitCode;
    }
}
