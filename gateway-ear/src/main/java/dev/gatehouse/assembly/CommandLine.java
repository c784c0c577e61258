package dev.gatehouse.assembly;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The long options of one command line: {@code --name value}, {@code --name=value} and bare
 * {@code --flag}. Only the names the tool declares are accepted, so a typo fails loudly instead of
 * being ignored by a launcher script that nobody reads.
 */
final class CommandLine {

    private final Map<String, List<String>> values;

    private CommandLine(Map<String, List<String>> values) {
        this.values = values;
    }

    static CommandLine parse(String[] args, Set<String> valueOptions, Set<String> flagOptions) throws UsageException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (flagOptions.contains(name) && equals < 0) {
                values.computeIfAbsent(name, key -> new ArrayList<>()).add("true");
            } else if (valueOptions.contains(name)) {
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException("--" + name + " needs a value");
                }
                values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return new CommandLine(values);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    Optional<String> optional(String name) throws UsageException {
        List<String> given = all(name);
        if (given.size() > 1) {
            throw new UsageException("--" + name + " is given more than once");
        }
        return given.stream().findFirst();
    }

    String required(String name) throws UsageException {
        return optional(name).filter(value -> !value.isBlank())
                .orElseThrow(() -> new UsageException("--" + name + " is required"));
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    /** A TCP port number; 0 is refused because both tools need a fixed, announced port. */
    static int port(String text, String what) throws UsageException {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below with the same message as an out-of-range number.
        }
        throw new UsageException(what + " must be a port number from 1 to 65535, not '" + text + "'");
    }
}
