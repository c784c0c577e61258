package dev.gatehouse.assembly;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link Preflight} is asked to check.
 *
 * @param ports               the ports the gateway will listen on, in the order given
 * @param dbUrl               the JDBC URL of the store
 * @param dbUser              the store user, if not in the URL
 * @param dbPasswordVariable  the environment variable that holds the store password, if any
 * @param verbose             whether to log details (FINE) to stderr
 */
record PreflightOptions(List<NamedPort> ports, String dbUrl, Optional<String> dbUser,
        Optional<String> dbPasswordVariable, boolean verbose) {

    static final String HTTP_PORT_VARIABLE = "GATEHOUSE_HTTP_PORT";
    static final String PG_PORT_VARIABLE = "GATEHOUSE_PG_PORT";

    static final String USAGE = "usage: Preflight [--http-port N] [--pg-port N] [--port VARIABLE=N]..."
            + " --db-url URL [--db-user USER] [--db-password-env VARIABLE] [--verbose]";

    static PreflightOptions parse(String[] args) throws UsageException {
        CommandLine line = CommandLine.parse(args,
                Set.of("http-port", "pg-port", "port", "db-url", "db-user", "db-password-env"), Set.of("verbose"));
        List<NamedPort> ports = new ArrayList<>();
        Optional<String> httpPort = line.optional("http-port");
        if (httpPort.isPresent()) {
            ports.add(new NamedPort(HTTP_PORT_VARIABLE, CommandLine.port(httpPort.get(), "--http-port")));
        }
        Optional<String> pgPort = line.optional("pg-port");
        if (pgPort.isPresent()) {
            ports.add(new NamedPort(PG_PORT_VARIABLE, CommandLine.port(pgPort.get(), "--pg-port")));
        }
        for (String spec : line.all("port")) {
            ports.add(NamedPort.parse(spec));
        }
        return new PreflightOptions(List.copyOf(ports), line.required("db-url"),
                line.optional("db-user").filter(user -> !user.isBlank()),
                line.optional("db-password-env").filter(variable -> !variable.isBlank()),
                line.flag("verbose"));
    }
}
