package dev.gatehouse.assembly;

import java.util.regex.Pattern;

/**
 * A port the gateway will listen on, with the environment variable it came from, so an error can
 * tell the person which setting to change.
 *
 * @param variable the environment variable, such as {@code GATEHOUSE_HTTP_PORT}
 * @param port     its value
 */
record NamedPort(String variable, int port) {

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Parses {@code NAME=PORT}, the value of a {@code --port} option. */
    static NamedPort parse(String spec) throws UsageException {
        int equals = spec.indexOf('=');
        if (equals <= 0) {
            throw new UsageException("--port takes VARIABLE=PORT, such as GATEHOUSE_HTTP_PORT=8080, not '" + spec + "'");
        }
        String variable = spec.substring(0, equals).trim();
        if (!VARIABLE.matcher(variable).matches()) {
            throw new UsageException("'" + variable + "' in --port " + spec + " is not an environment variable name");
        }
        return new NamedPort(variable, CommandLine.port(spec.substring(equals + 1), variable));
    }

    @Override
    public String toString() {
        return "port " + port + " (" + variable + ")";
    }
}
