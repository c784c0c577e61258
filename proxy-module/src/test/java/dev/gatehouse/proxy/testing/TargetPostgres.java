package dev.gatehouse.proxy.testing;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.TlsMode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway PostgreSQL target for data-path tests that really checks passwords: the machine's
 * own cluster trusts every local login, so a wrong password would pass there and prove nothing.
 *
 * <p>One role per authentication method the gateway must speak upstream, each with a random
 * password, and a database {@value #DATABASE} every role may use. With TLS on, the server presents
 * a self-signed certificate for {@code localhost} and {@code 127.0.0.1}; that certificate is also
 * the trust anchor tests hand to verify-ca/verify-full ({@link #caCertificatePath()}).
 *
 * <p>Starting costs a few seconds: start one per test class and close it afterwards.
 */
public final class TargetPostgres implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    /** Another loopback address the server listens on, which its certificate does not name. */
    public static final String UNNAMED_HOST = "127.0.0.2";
    public static final String DATABASE = "target_db";

    public static final String SCRAM_USER = "scram_user";
    public static final String MD5_USER = "md5_user";
    public static final String PLAIN_USER = "plain_user";
    public static final String TRUST_USER = "trust_user";

    private static final String CERTIFICATE_FILE = "server.crt";
    private static final String KEY_FILE = "server.key";

    private final EmbeddedPostgres postgres;
    private final Path workDir;
    private final boolean tls;
    private final Map<String, String> passwords;

    private TargetPostgres(EmbeddedPostgres postgres, Path workDir, boolean tls, Map<String, String> passwords) {
        this.postgres = postgres;
        this.workDir = workDir;
        this.tls = tls;
        this.passwords = passwords;
    }

    /** A target that offers TLS (ssl=on). */
    public static TargetPostgres startWithTls() {
        return start(true);
    }

    /** A target with ssl=off: it answers 'N' to every SSLRequest. */
    public static TargetPostgres startWithoutTls() {
        return start(false);
    }

    /**
     * A target without TLS that logs every statement it executes ({@code log_statement = all}) as CSV
     * into {@link #statementLog()}: what a differential test compares with what the gateway decided.
     */
    public static TargetPostgres startLoggingStatements() {
        return start(false, true);
    }

    /** The CSV log of a target started with {@link #startLoggingStatements()}. */
    public Path statementLog() {
        return workDir.resolve("statements").resolve(STATEMENT_LOG);
    }

    private static final String STATEMENT_LOG = "statements.csv";

    private static TargetPostgres start(boolean tls) {
        return start(tls, false);
    }

    private static TargetPostgres start(boolean tls, boolean logStatements) {
        Path workDir = null;
        EmbeddedPostgres pg = null;
        try {
            workDir = Files.createTempDirectory("gatehouse-target-pg-");
            Path dataDir = workDir.resolve("data");
            Path log = workDir.resolve("server.log");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (logStatements) {
                Files.createDirectories(workDir.resolve("statements"));
                builder.setServerConfig("logging_collector", "on")
                        .setServerConfig("log_destination", "csvlog")
                        .setServerConfig("log_directory", workDir.resolve("statements").toString())
                        .setServerConfig("log_filename", "statements.log")
                        .setServerConfig("log_rotation_size", "0")
                        .setServerConfig("log_statement", "all");
            }
            pg = builder
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("listen_addresses", HOST + "," + UNNAMED_HOST)
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("ssl", tls ? "on" : "off")
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(Redirect.appendTo(log.toFile()))
                    .setDataDirectoryCustomizer(dir -> prepareDataDirectory(dir, tls))
                    .start();
            Map<String, String> passwords = createRoles(pg);
            return new TargetPostgres(pg, workDir, tls, passwords);
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(pg);
            deleteQuietly(workDir);
            throw new IllegalStateException("the target PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private static void prepareDataDirectory(File dataDir, boolean tls) {
        // Each role is bound to the method it exists to exercise; the harness itself logs in as
        // postgres without a password. "host" lines match TLS and plain connections alike.
        String hba = """
                local all all trust
                host all postgres 127.0.0.0/8 trust
                host all %s 127.0.0.0/8 scram-sha-256
                host all %s 127.0.0.0/8 md5
                host all %s 127.0.0.0/8 password
                host all %s 127.0.0.0/8 trust
                host all all 127.0.0.0/8 scram-sha-256
                """.formatted(SCRAM_USER, MD5_USER, PLAIN_USER, TRUST_USER);
        try {
            Files.writeString(dataDir.toPath().resolve("pg_hba.conf"), hba);
            if (tls) {
                writeSelfSignedCertificate(dataDir.toPath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PostgreSQL reads server.crt/server.key from the data directory by default. */
    private static void writeSelfSignedCertificate(Path dataDir) throws IOException {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", KEY_FILE, "-out", CERTIFICATE_FILE)
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.DISCARD)
                .start();
        try {
            if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                openssl.destroyForcibly();
                throw new IOException("openssl could not create the test certificate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the test certificate", e);
        }
        // The server refuses a private key that others can read.
        Files.setPosixFilePermissions(dataDir.resolve(KEY_FILE), PosixFilePermissions.fromString("rw-------"));
    }

    private static Map<String, String> createRoles(EmbeddedPostgres pg) throws SQLException {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String role : new String[] {SCRAM_USER, MD5_USER, PLAIN_USER}) {
            passwords.put(role, "pw-" + UUID.randomUUID());
        }
        try (java.sql.Connection admin = pg.getPostgresDatabase().getConnection();
                Statement st = admin.createStatement()) {
            st.execute("set password_encryption = 'scram-sha-256'");
            st.execute("create role " + SCRAM_USER + " login password '" + passwords.get(SCRAM_USER) + "'");
            st.execute("create role " + PLAIN_USER + " login password '" + passwords.get(PLAIN_USER) + "'");
            // An md5 hash on file is what makes the server send an md5 challenge.
            st.execute("set password_encryption = 'md5'");
            st.execute("create role " + MD5_USER + " login password '" + passwords.get(MD5_USER) + "'");
            st.execute("create role " + TRUST_USER + " login");
            st.execute("create database " + DATABASE);
        }
        return Map.copyOf(passwords);
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return postgres.getPort();
    }

    public boolean tls() {
        return tls;
    }

    /** The role's password; {@link #TRUST_USER} has none. */
    public String password(String role) {
        String password = passwords.get(role);
        if (password == null) {
            throw new IllegalArgumentException("no password for role " + role);
        }
        return password;
    }

    /** The PEM certificate the server presents, usable as the trust anchor for verify-ca/verify-full. */
    public Path caCertificatePath() {
        if (!tls) {
            throw new IllegalStateException("this target runs with ssl=off");
        }
        return workDir.resolve("data").resolve(CERTIFICATE_FILE);
    }

    /** Trust in exactly this server's certificate, for verify-ca and verify-full. */
    public TrustManagerFactory trustManagerFactory() {
        try (InputStream pem = Files.newInputStream(caCertificatePath())) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(pem);
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("target-postgres", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the test certificate: " + e.getMessage(), e);
        }
    }

    /** A gateway-side description of this target for the given role and TLS mode. */
    public Connection connection(String role, TlsMode tlsMode) {
        return connection(HOST, role, tlsMode);
    }

    /** As {@link #connection(String, TlsMode)}, dialled by the given host name (e.g. localhost). */
    public Connection connection(String host, String role, TlsMode tlsMode) {
        return new Connection("target-" + role, ConnectionType.POSTGRES, host, port(), DATABASE, role, tlsMode,
                Map.of(), Set.of(), false);
    }

    /** A new superuser JDBC connection to {@value #DATABASE}, e.g. to look at pg_stat_activity. */
    public java.sql.Connection superuser() throws SQLException {
        return postgres.getDatabase("postgres", DATABASE).getConnection();
    }

    /**
     * Waits until a backend of the target matches {@code activity}, a condition on pg_stat_activity
     * (the test's own fixed SQL), for example that a statement really reached the target and runs.
     */
    public void awaitActivity(String activity) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        try (java.sql.Connection db = superuser();
                java.sql.PreparedStatement seen = db.prepareStatement("select count(*) from pg_stat_activity where " + activity)) {
            while (true) {
                try (java.sql.ResultSet rs = seen.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no backend of the target matched within 30 s: " + activity);
                }
                Thread.sleep(20);
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(postgres);
        deleteQuietly(workDir);
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg == null) {
            return;
        }
        try {
            pg.close();
        } catch (IOException e) {
            // Best effort: the test outcome is already decided.
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}
