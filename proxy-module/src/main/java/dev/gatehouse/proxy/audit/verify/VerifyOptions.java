package dev.gatehouse.proxy.audit.verify;

import java.nio.file.Path;

/**
 * The command line of gatehouse-verify, parsed and checked.
 *
 * @param bundle      the bundle to verify, or null when verifying a database or a pack
 * @param pack        the evidence pack (zip or unzipped directory) to verify, or null
 * @param jdbcUrl     the database to verify, or null when verifying a bundle or a pack
 * @param passwordEnv the name of the environment variable holding the password, never the password
 * @param anchor      a directory of anchored checkpoints, or null
 */
public record VerifyOptions(Path keys, Path bundle, Path pack, String jdbcUrl, String user, String passwordEnv, Long from, Long to, Path anchor,
        boolean json, boolean help) {

    public static final String USAGE = """
            usage: java -jar gatehouse-verify.jar --keys FILE (--pack PACK | --bundle FILE.zip | --db JDBC_URL [--user U]
                                                  [--password-env VAR] [--from N] [--to M]) [--anchor DIR] [--json]
              --keys FILE         trusted audit keys: the JSON of /api/v1/audit/public-key, or a PEM public key
              --pack PACK         verify an evidence pack: the zip, or the directory it was unzipped into
              --bundle FILE.zip   verify an exported bundle
              --db JDBC_URL       verify the store directly, e.g. jdbc:postgresql://db.example:5432/gatehouse
              --user U            database user
              --password-env VAR  read the database password from environment variable VAR
              --from N, --to M    verify only seq N..M of the database (both inclusive)
              --anchor DIR        also compare against the checkpoints anchored in DIR
              --json              print the report as JSON
            exit status: 0 intact, 1 broken, 2 could not verify (usage or I/O error)""";

    /** A command line that cannot run; the message is one sentence for stderr. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public SeqRange range() {
        return SeqRange.of(from, to);
    }

    public static VerifyOptions parse(String... args) throws UsageException {
        Builder options = new Builder();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--json" -> options.json = true;
                case "--help", "-h" -> options.help = true;
                case "--keys" -> options.keys = Path.of(value(args, ++i, option));
                case "--bundle" -> options.bundle = Path.of(value(args, ++i, option));
                case "--pack" -> options.pack = Path.of(value(args, ++i, option));
                case "--db" -> options.jdbcUrl = value(args, ++i, option);
                case "--user" -> options.user = value(args, ++i, option);
                case "--password-env" -> options.passwordEnv = value(args, ++i, option);
                case "--from" -> options.from = seq(value(args, ++i, option), option);
                case "--to" -> options.to = seq(value(args, ++i, option), option);
                case "--anchor" -> options.anchor = Path.of(value(args, ++i, option));
                default -> throw new UsageException("unknown option " + option);
            }
        }
        return options.build();
    }

    private static String value(String[] args, int at, String option) throws UsageException {
        if (at >= args.length || args[at].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[at];
    }

    private static Long seq(String text, String option) throws UsageException {
        try {
            long seq = Long.parseLong(text);
            if (seq >= 1) {
                return seq;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the option's name
        }
        throw new UsageException(option + " needs a seq (a whole number from 1), not " + text);
    }

    private static final class Builder {
        private Path keys;
        private Path bundle;
        private Path pack;
        private String jdbcUrl;
        private String user;
        private String passwordEnv;
        private Long from;
        private Long to;
        private Path anchor;
        private boolean json;
        private boolean help;

        VerifyOptions build() throws UsageException {
            if (help) {
                return new VerifyOptions(keys, bundle, pack, jdbcUrl, user, passwordEnv, from, to, anchor, json, true);
            }
            if (keys == null) {
                throw new UsageException("--keys FILE is required: the trusted keys never come from what is being verified");
            }
            int sources = (pack == null ? 0 : 1) + (bundle == null ? 0 : 1) + (jdbcUrl == null ? 0 : 1);
            if (sources != 1) {
                throw new UsageException("give exactly one of --pack PACK, --bundle FILE.zip and --db JDBC_URL");
            }
            if (jdbcUrl == null && (user != null || passwordEnv != null || from != null || to != null)) {
                throw new UsageException("--user, --password-env, --from and --to apply to --db only; a bundle or pack carries its own range");
            }
            if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new UsageException("--db takes a PostgreSQL JDBC URL starting with jdbc:postgresql:");
            }
            if (from != null && to != null && to < from) {
                throw new UsageException("--to " + to + " lies before --from " + from);
            }
            return new VerifyOptions(keys, bundle, pack, jdbcUrl, user, passwordEnv, from, to, anchor, json, false);
        }
    }
}
