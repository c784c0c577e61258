package dev.gatehouse.proxy.audit.verify;

import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.DirectoryAnchor;
import dev.gatehouse.proxy.audit.pack.PackVerification;
import dev.gatehouse.proxy.audit.pack.PackVerifier;
import dev.gatehouse.proxy.audit.verify.VerifyOptions.UsageException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * {@code java -jar gatehouse-verify.jar}: verifies an evidence pack, a bundle or a database range
 * against keys the examiner holds and prints the verdict (docs/audit-chain.md, "Verifying offline"
 * and "Verifying an evidence pack"). Exit status 0
 * intact, 1 broken, 2 when it could not verify; errors are one sentence on stderr, never a stack
 * trace, and never contain the password.
 */
public final class VerifyCommand {

    public static final int INTACT = 0;
    public static final int BROKEN = 1;
    public static final int ERROR = 2;

    private final UnaryOperator<String> environment;
    private final PrintStream out;
    private final PrintStream err;

    VerifyCommand(UnaryOperator<String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // The verdict holds non-ASCII (an em dash, names from the chain): print UTF-8 whatever the locale.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(new VerifyCommand(System::getenv, out, err).run(args));
    }

    int run(String... args) {
        try {
            VerifyOptions options = VerifyOptions.parse(args);
            if (options.help()) {
                out.println(VerifyOptions.USAGE);
                return INTACT;
            }
            if (options.pack() != null) {
                PackVerification pack = verifyPack(options);
                out.println(options.json() ? pack.toJson() : pack.humanText());
                return pack.intact() ? INTACT : BROKEN;
            }
            VerificationReport report = verify(options);
            out.println(options.json() ? report.toJson() : report.humanText());
            return report.intact() ? INTACT : BROKEN;
        } catch (UsageException e) {
            return fail(e.getMessage() + " (see --help)");
        } catch (IOException | AuditSourceException e) {
            return fail(e.getMessage());
        } catch (SQLException e) {
            return fail("the database could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            return fail("verification stopped unexpectedly: " + e);
        }
    }

    private VerificationReport verify(VerifyOptions options) throws IOException, SQLException, UsageException {
        ChainVerifier verifier = new ChainVerifier(readKeys(options));
        if (options.anchor() != null) {
            verifier = verifier.withAnchor(readAnchor(options));
        }
        if (options.bundle() != null) {
            if (!Files.isRegularFile(options.bundle())) {
                throw new IOException("the bundle " + options.bundle() + " does not exist");
            }
            try (AuditBundleReader bundle = AuditBundleReader.open(options.bundle())) {
                return verifier.verify(bundle);
            }
        }
        String where = "the database " + withoutSecrets(options.jdbcUrl());
        try (Connection connection = connect(options, where); JdbcAuditSource store = JdbcAuditSource.open(connection, options.range(), where)) {
            return verifier.verify(store);
        }
    }

    private static PackVerification verifyPack(VerifyOptions options) throws IOException {
        PublicKeys keys = readKeys(options);
        List<Checkpoint> anchored = options.anchor() == null ? List.of() : readAnchor(options);
        return new PackVerifier(keys, anchored).verify(options.pack());
    }

    private static PublicKeys readKeys(VerifyOptions options) throws IOException {
        if (!Files.isRegularFile(options.keys())) {
            throw new IOException("the key file " + options.keys() + " does not exist");
        }
        try {
            return PublicKeys.read(options.keys());
        } catch (IllegalArgumentException e) {
            throw new IOException("the key file " + options.keys() + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static List<Checkpoint> readAnchor(VerifyOptions options) throws IOException {
        if (!Files.isDirectory(options.anchor())) {
            throw new IOException("the anchor directory " + options.anchor() + " does not exist");
        }
        try {
            return new DirectoryAnchor(options.anchor()).readAll();
        } catch (IOException e) {
            throw new IOException("the anchor directory " + options.anchor() + " cannot be read: " + e.getMessage(), e);
        }
    }

    private Connection connect(VerifyOptions options, String where) throws IOException, UsageException {
        Properties properties = new Properties();
        if (options.user() != null) {
            properties.setProperty("user", options.user());
        }
        if (options.passwordEnv() != null) {
            String password = environment.apply(options.passwordEnv());
            if (password == null) {
                throw new UsageException("the environment variable " + options.passwordEnv() + " (--password-env) is not set");
            }
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "gatehouse-verify");
        try {
            return DriverManager.getConnection(options.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw new IOException("cannot connect to " + where + ": " + e.getMessage(), e);
        }
    }

    /** The URL as messages may show it: no query string (it may hold a password) and no user info. */
    static String withoutSecrets(String jdbcUrl) {
        String bare = jdbcUrl.contains("?") ? jdbcUrl.substring(0, jdbcUrl.indexOf('?')) : jdbcUrl;
        return bare.replaceFirst("//[^/@]*@", "//");
    }

    /** One line: driver messages sometimes append a second one (a position, a hint). */
    private int fail(String message) {
        String sentence = message == null ? "failed" : message.lines().findFirst().orElse("failed").strip();
        err.println("gatehouse-verify: " + sentence);
        return ERROR;
    }
}
