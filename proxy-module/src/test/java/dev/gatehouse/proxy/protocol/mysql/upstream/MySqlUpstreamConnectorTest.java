package dev.gatehouse.proxy.protocol.mysql.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.protocol.mysql.codec.MySqlBackendDecoder;
import dev.gatehouse.proxy.protocol.mysql.codec.MySqlPackets;
import dev.gatehouse.proxy.protocol.mysql.message.ErrPacket;
import dev.gatehouse.proxy.protocol.mysql.message.OkPacket;
import dev.gatehouse.proxy.protocol.mysql.message.ResultRow;
import dev.gatehouse.proxy.testing.TargetMariaDb;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway logging in to real MariaDB 10.11: accounts with mysql_native_password and
 * client_ed25519 (the plugin is installed with INSTALL SONAME when missing) on the shared server at
 * 3306, which has TLS off; TLS modes against a throwaway mariadbd started with a certificate this
 * test makes (openssl). caching_sha2_password is MySQL's and has its own fixture tests
 * (AuthScramblesTest, CachingSha2LoginTest). The secrets never appear in messages or logs.
 */
class MySqlUpstreamConnectorTest {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String NATIVE_USER = "gh_up_native_" + SUFFIX;
    private static final String ED_USER = "gh_up_ed_" + SUFFIX;
    private static final String NATIVE_PASSWORD = "Native-" + UUID.randomUUID();
    private static final String ED_PASSWORD = "Ed25519-" + UUID.randomUUID();
    private static final String DATABASE = "gh_mysql_upstream";

    private static MultiThreadIoEventLoopGroup group;
    private static Path certificates;
    private static TargetMariaDb tlsServer;
    private static final MySqlUpstreamConnector PLAIN = new MySqlUpstreamConnector(new MySqlUpstreamTls(Optional.empty()), Duration.ofSeconds(10));

    @BeforeAll
    static void setUp() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        int port = TargetMariaDb.SHARED_PORT;
        TargetMariaDb.sql(port, "CREATE DATABASE IF NOT EXISTS " + DATABASE);
        for (String host : List.of("%", "localhost")) {
            TargetMariaDb.sql(port, "CREATE USER '" + NATIVE_USER + "'@'" + host + "' IDENTIFIED VIA mysql_native_password USING PASSWORD('"
                    + NATIVE_PASSWORD + "'); GRANT SELECT ON " + DATABASE + ".* TO '" + NATIVE_USER + "'@'" + host + "'");
        }
        if (TargetMariaDb.query(port, "SELECT COUNT(*) FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'ed25519'").get(0).equals("0")) {
            TargetMariaDb.sql(port, "INSTALL SONAME 'auth_ed25519'");
        }
        for (String host : List.of("%", "localhost")) {
            TargetMariaDb.sql(port, "CREATE USER '" + ED_USER + "'@'" + host + "' IDENTIFIED VIA ed25519 USING PASSWORD('" + ED_PASSWORD
                    + "'); GRANT SELECT ON " + DATABASE + ".* TO '" + ED_USER + "'@'" + host + "'");
        }
        certificates = Files.createTempDirectory("gh-mysql-tls-");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Gatehouse test CA", "-keyout", "ca.key",
                "-out", "ca.pem");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out", "server.csr");
        Files.writeString(certificates.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", "san.ext", "-out", "server.pem");
        tlsServer = TargetMariaDb.startWithTls(certificates.resolve("server.pem"), certificates.resolve("server.key"),
                certificates.resolve("ca.pem"));
        TargetMariaDb.sql(tlsServer.port(), "CREATE USER '" + NATIVE_USER + "'@'%' IDENTIFIED BY '" + NATIVE_PASSWORD + "'");
        TargetMariaDb.sql(tlsServer.port(), "CREATE USER '" + NATIVE_USER + "'@'localhost' IDENTIFIED BY '" + NATIVE_PASSWORD + "'");
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (String host : List.of("%", "localhost")) {
            TargetMariaDb.sql(TargetMariaDb.SHARED_PORT, "DROP USER IF EXISTS '" + NATIVE_USER + "'@'" + host + "', '" + ED_USER + "'@'" + host + "'");
        }
        if (tlsServer != null) {
            tlsServer.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(certificates.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    private static MySqlUpstreamLink login(MySqlUpstreamConnector connector, MySqlTarget target, String password) throws Exception {
        try {
            return connector.connect(group.next(), target, password.getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static MySqlTarget shared(String user, TlsMode mode) {
        return new MySqlTarget("127.0.0.1", TargetMariaDb.SHARED_PORT, user, DATABASE, mode, false);
    }

    /** Runs one query on a handed-over link and returns the first column of each row: the channel really is logged in. */
    private static List<String> query(MySqlUpstreamLink link, String sql) throws Exception {
        CompletableFuture<List<String>> rows = new CompletableFuture<>();
        List<String> seen = new java.util.ArrayList<>();
        MySqlBackendDecoder decoder = link.channel().pipeline().get(MySqlBackendDecoder.class);
        link.channel().eventLoop().submit(() -> {
            link.channel().pipeline().addLast(new SimpleChannelInboundHandler<Object>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof ResultRow row) {
                        int length = row.payload().getUnsignedByte(0);
                        seen.add(row.payload().toString(1, length, StandardCharsets.UTF_8));
                    } else if (msg instanceof ErrPacket err) {
                        rows.completeExceptionally(new IllegalStateException(err.message()));
                    } else if (msg instanceof OkPacket ok && !decoder.awaitingAnswers()) {
                        rows.complete(seen);
                    }
                }
            });
            decoder.expect(MySqlBackendDecoder.Answer.TEXT_RESULT, 1);
            link.channel().config().setAutoRead(true);
            link.channel().writeAndFlush(MySqlPackets.command(link.channel().alloc(), 0x03, sql));
        }).sync();
        return rows.get(30, TimeUnit.SECONDS);
    }

    @Test
    void nativePasswordLogsInAndTheChannelWorks() throws Exception {
        MySqlUpstreamLink link = login(PLAIN, shared(NATIVE_USER, TlsMode.DISABLE), NATIVE_PASSWORD);
        try {
            assertThat(link.serverVersion()).contains("MariaDB");
            assertThat(link.connectionId()).isPositive();
            assertThat(link.authPlugin()).isEqualTo("mysql_native_password");
            assertThat(link.tls()).isFalse();
            assertThat(query(link, "SELECT CURRENT_USER()")).singleElement().asString().startsWith(NATIVE_USER + "@");
        } finally {
            link.channel().close().sync();
        }
    }

    @Test
    void ed25519LogsInAndItsPublicKeyIsTheOneMariaDbStored() throws Exception {
        MySqlUpstreamLink link = login(PLAIN, shared(ED_USER, TlsMode.DISABLE), ED_PASSWORD);
        try {
            assertThat(link.authPlugin()).isEqualTo("client_ed25519");
            assertThat(query(link, "SELECT CURRENT_USER()")).singleElement().asString().startsWith(ED_USER + "@");
        } finally {
            link.channel().close().sync();
        }
        String stored = TargetMariaDb.query(TargetMariaDb.SHARED_PORT, "SELECT JSON_VALUE(Priv, '$.authentication_string') FROM"
                + " mysql.global_priv WHERE User = '" + ED_USER + "' AND Host = '%'").get(0);
        String ours = Base64.getEncoder().withoutPadding().encodeToString(Ed25519Password.publicKey(ED_PASSWORD.getBytes(StandardCharsets.UTF_8)));
        assertThat(ours).isEqualTo(stored);
    }

    @Test
    void aWrongPasswordIsRefusedWithTheServersErrorAndNoSecretAnywhere() throws Exception {
        List<String> logged = new java.util.ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        Level before = root.getLevel();
        root.setLevel(Level.ALL);
        try {
            String wrong = "Wrong-" + UUID.randomUUID();
            assertThatThrownBy(() -> login(PLAIN, shared(NATIVE_USER, TlsMode.PREFER), wrong))
                    .isInstanceOfSatisfying(MySqlUpstreamException.class, e -> {
                        assertThat(e.kind()).isEqualTo(MySqlUpstreamException.Kind.REFUSED);
                        assertThat(e.errorCode()).isEqualTo(1045);
                        assertThat(e.sqlState()).isEqualTo("28000");
                        assertThat(e.getMessage()).contains("Access denied").doesNotContain(wrong).doesNotContain(NATIVE_PASSWORD);
                    });
            assertThat(String.join("\n", logged)).doesNotContain(wrong).doesNotContain(NATIVE_PASSWORD);
        } finally {
            root.removeHandler(capture);
            root.setLevel(before);
        }
    }

    @Test
    void requiringTlsFromAServerWithoutItFailsAndPreferFallsBack() throws Exception {
        assertThatThrownBy(() -> login(PLAIN, shared(NATIVE_USER, TlsMode.REQUIRE), NATIVE_PASSWORD))
                .isInstanceOfSatisfying(MySqlUpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MySqlUpstreamException.Kind.TLS);
                    assertThat(e.getMessage()).contains("does not offer TLS");
                });
        MySqlUpstreamLink link = login(PLAIN, shared(NATIVE_USER, TlsMode.PREFER), NATIVE_PASSWORD);
        assertThat(link.tls()).isFalse();
        link.channel().close().sync();
    }

    @Test
    void tlsModesAgainstAServerWithACertificate() throws Exception {
        MySqlTarget require = new MySqlTarget("127.0.0.1", tlsServer.port(), NATIVE_USER, null, TlsMode.REQUIRE, false);
        MySqlUpstreamLink link = login(PLAIN, require, NATIVE_PASSWORD);
        assertThat(link.tls()).isTrue();
        assertThat(query(link, "SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'Ssl_version'"))
                .singleElement().asString().startsWith("TLSv1");
        link.channel().close().sync();

        MySqlUpstreamConnector trusting = new MySqlUpstreamConnector(new MySqlUpstreamTls(Optional.of(trust(certificates.resolve("ca.pem")))),
                Duration.ofSeconds(10));
        MySqlTarget full = new MySqlTarget("127.0.0.1", tlsServer.port(), NATIVE_USER, null, TlsMode.VERIFY_FULL, false);
        link = login(trusting, full, NATIVE_PASSWORD);
        assertThat(link.tls()).isTrue();
        link.channel().close().sync();

        // The JDK's default trust does not know the test CA: verify-ca refuses the certificate.
        assertThatThrownBy(() -> login(PLAIN, new MySqlTarget("127.0.0.1", tlsServer.port(), NATIVE_USER, null, TlsMode.VERIFY_CA, false),
                NATIVE_PASSWORD)).isInstanceOfSatisfying(MySqlUpstreamException.class,
                        e -> assertThat(e.kind()).isEqualTo(MySqlUpstreamException.Kind.TLS));
        // The certificate names 127.0.0.1 only: dialled as localhost, verify-full refuses it; verify-ca does not look at names.
        assertThatThrownBy(() -> login(trusting, new MySqlTarget("localhost", tlsServer.port(), NATIVE_USER, null, TlsMode.VERIFY_FULL, false),
                NATIVE_PASSWORD)).isInstanceOfSatisfying(MySqlUpstreamException.class,
                        e -> assertThat(e.kind()).isEqualTo(MySqlUpstreamException.Kind.TLS));
        link = login(trusting, new MySqlTarget("localhost", tlsServer.port(), NATIVE_USER, null, TlsMode.VERIFY_CA, false), NATIVE_PASSWORD);
        assertThat(link.tls()).isTrue();
        link.channel().close().sync();
    }

    private static TrustManagerFactory trust(Path caPem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

}
