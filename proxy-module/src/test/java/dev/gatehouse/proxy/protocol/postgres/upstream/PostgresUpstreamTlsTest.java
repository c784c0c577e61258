package dev.gatehouse.proxy.protocol.postgres.upstream;

import static dev.gatehouse.proxy.testing.TargetPostgres.SCRAM_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.testing.LeakCheck;
import dev.gatehouse.proxy.testing.TargetPostgres;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** sslmode semantics against one target with TLS and one without. */
class PostgresUpstreamTlsTest {

    private static TargetPostgres withTls;
    private static TargetPostgres withoutTls;
    private static EventLoopGroup loops;

    private final PostgresUpstreamConnector trustingDefaults = new PostgresUpstreamConnector();
    private final PostgresUpstreamConnector trustingTarget = new PostgresUpstreamConnector(
            UpstreamSettings.defaults().withVerifyingTrust(withTls.trustManagerFactory()));

    @BeforeAll
    static void startTargets() {
        withTls = TargetPostgres.startWithTls();
        withoutTls = TargetPostgres.startWithoutTls();
        loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopTargets() throws InterruptedException {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        withTls.close();
        withoutTls.close();
        LeakCheck.assertNoLeaks();
    }

    private static CompletableFuture<UpstreamLink> connect(PostgresUpstreamConnector connector, TargetPostgres target,
            Connection connection) {
        return connector.connect(loops.next(), connection, null, Map.of(),
                target.password(SCRAM_USER).toCharArray());
    }

    private static UpstreamLink linkOf(CompletableFuture<UpstreamLink> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        return assertThatThrownBy(() -> future.get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .actual().getCause();
    }

    private static boolean serverSeesTls(TargetPostgres target, int processId) throws Exception {
        try (java.sql.Connection admin = target.superuser();
                PreparedStatement st = admin.prepareStatement("select ssl from pg_stat_ssl where pid = ?")) {
            st.setInt(1, processId);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("pg_stat_ssl row for the upstream session").isTrue();
                return rs.getBoolean(1);
            }
        }
    }

    /** Proves the link still carries queries, then closes it. */
    private static void assertUsable(UpstreamLink link) throws Exception {
        try (LinkClient client = LinkClient.takeOver(link)) {
            client.send("select 42");
            assertThat(client.untilReady()).contains(new LinkClient.Reply('D', "42"));
        }
    }

    @Test
    void requireEncryptsWithoutVerifying() throws Exception {
        UpstreamLink link = linkOf(connect(trustingDefaults, withTls, withTls.connection(SCRAM_USER, TlsMode.REQUIRE)));
        assertThat(link.tls()).isTrue();
        assertThat(link.channel().pipeline().toMap().keySet())
                .containsExactly(PostgresUpstreamConnector.TLS_HANDLER, PostgresUpstreamConnector.DECODER);
        assertThat(link.channel().config().isAutoRead()).isFalse();
        assertThat(serverSeesTls(withTls, link.processId())).isTrue();
        assertUsable(link);
    }

    @Test
    void disableStaysPlainEvenWhenTheServerOffersTls() throws Exception {
        UpstreamLink link = linkOf(connect(trustingDefaults, withTls, withTls.connection(SCRAM_USER, TlsMode.DISABLE)));
        assertThat(link.tls()).isFalse();
        assertThat(serverSeesTls(withTls, link.processId())).isFalse();
        link.close();
    }

    @Test
    void preferUsesTlsWhenOffered() throws Exception {
        UpstreamLink link = linkOf(connect(trustingDefaults, withTls, withTls.connection(SCRAM_USER, TlsMode.PREFER)));
        assertThat(link.tls()).isTrue();
        assertThat(serverSeesTls(withTls, link.processId())).isTrue();
        link.close();
    }

    @Test
    void preferFallsBackToPlainWhenTheServerSaysNo() throws Exception {
        UpstreamLink link = linkOf(connect(trustingDefaults, withoutTls,
                withoutTls.connection(SCRAM_USER, TlsMode.PREFER)));
        assertThat(link.tls()).isFalse();
        assertThat(link.channel().pipeline().toMap().keySet()).containsExactly(PostgresUpstreamConnector.DECODER);
        assertUsable(link);
    }

    @ParameterizedTest
    @ValueSource(strings = {"REQUIRE", "VERIFY_CA", "VERIFY_FULL"})
    void modesThatDemandTlsRefuseAServerWithout(TlsMode mode) {
        Throwable failure = failureOf(connect(trustingTarget, withoutTls, withoutTls.connection(SCRAM_USER, mode)));
        assertThat(failure).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + withoutTls.port())
                .hasMessageContaining("does not accept TLS")
                .hasMessageContaining("sslmode " + mode.wireName())
                .hasMessageNotContaining(withoutTls.password(SCRAM_USER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1"})
    void verifyFullAcceptsACertificateThatNamesTheHost(String host) throws Exception {
        UpstreamLink link = linkOf(connect(trustingTarget, withTls, withTls.connection(host, SCRAM_USER,
                TlsMode.VERIFY_FULL)));
        assertThat(link.tls()).isTrue();
        assertThat(serverSeesTls(withTls, link.processId())).isTrue();
        assertUsable(link);
    }

    @Test
    void verifyFullRefusesACertificateThatDoesNotNameTheHost() {
        Throwable failure = failureOf(connect(trustingTarget, withTls,
                withTls.connection(TargetPostgres.UNNAMED_HOST, SCRAM_USER, TlsMode.VERIFY_FULL)));
        assertThat(failure).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining(TargetPostgres.UNNAMED_HOST)
                .hasMessageContaining("TLS");
    }

    @Test
    void verifyCaChecksTheChainButNotTheName() throws Exception {
        UpstreamLink link = linkOf(connect(trustingTarget, withTls,
                withTls.connection(TargetPostgres.UNNAMED_HOST, SCRAM_USER, TlsMode.VERIFY_CA)));
        assertThat(link.tls()).isTrue();
        link.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"VERIFY_CA", "VERIFY_FULL"})
    void verifyingModesRefuseACertificateOutsideTheTrustStore(TlsMode mode) {
        Throwable failure = failureOf(connect(trustingDefaults, withTls, withTls.connection("localhost", SCRAM_USER,
                mode)));
        assertThat(failure).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("localhost:" + withTls.port())
                .hasMessageContaining("TLS")
                .hasMessageNotContaining(withTls.password(SCRAM_USER));
    }

    @Test
    void requireDoesNotCareWhoseCertificateItIs() throws Exception {
        UpstreamLink link = linkOf(connect(trustingDefaults, withTls,
                withTls.connection(TargetPostgres.UNNAMED_HOST, SCRAM_USER, TlsMode.REQUIRE)));
        assertThat(link.tls()).isTrue();
        link.close();
    }
}
