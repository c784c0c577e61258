package dev.gatehouse.assembly;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Console logging for the command-line tools. The launcher shows their stderr to a person, so by
 * default only warnings reach it, one line each and without stack traces; {@code --verbose} shows
 * FINE records with JUL's usual format, stack traces included, for diagnosis. A JUL configuration
 * given with {@code -Djava.util.logging.config.file} is left alone.
 */
final class ConsoleLogging {

    /** JUL holds loggers weakly; a level set on a logger nobody references is lost at the next GC. */
    private static final List<Logger> SILENCED = new ArrayList<>();

    private ConsoleLogging() {
    }

    /**
     * @param silencedUnlessVerbose loggers of libraries whose failures the tool already reports in
     *                              its own one-line message, so their log lines would only repeat it
     */
    static synchronized void install(String prefix, boolean verbose, String... silencedUnlessVerbose) {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        Level level = verbose ? Level.FINE : Level.WARNING;
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(level);
        console.setFormatter(verbose ? new SimpleFormatter() : new OneLineFormat(prefix));
        root.addHandler(console);
        root.setLevel(level);
        if (!verbose) {
            for (String name : silencedUnlessVerbose) {
                Logger library = Logger.getLogger(name);
                library.setLevel(Level.OFF);
                SILENCED.add(library);
            }
        }
    }

    private static final class OneLineFormat extends Formatter {

        private final String prefix;

        OneLineFormat(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder()
                    .append(prefix).append(": ")
                    .append(record.getLevel().getName().toLowerCase()).append(": ")
                    .append(formatMessage(record));
            if (record.getThrown() != null) {
                line.append(" (").append(record.getThrown()).append(')');
            }
            return line.append(System.lineSeparator()).toString();
        }
    }
}
