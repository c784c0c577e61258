package dev.gatehouse.proxy.protocol.mysql.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.protocol.mysql.codec.MySqlBackendDecoder;
import dev.gatehouse.proxy.protocol.mysql.codec.MySqlFrontendDecoder;
import dev.gatehouse.proxy.protocol.mysql.codec.MySqlPackets;
import dev.gatehouse.proxy.protocol.mysql.message.AuthResponse;
import dev.gatehouse.proxy.protocol.mysql.message.Capabilities;
import dev.gatehouse.proxy.protocol.mysql.message.HandshakeResponse;
import dev.gatehouse.proxy.testing.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Cipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * caching_sha2_password is MySQL's (MariaDB 10.11 has no such server plugin), so the login's
 * rounds are played here by a scripted server, byte for byte as the MySQL protocol documentation
 * describes them: fast authentication (0x01 0x03), full authentication (0x01 0x04) with the RSA key
 * exchange (0x02, then the PEM), and the refusals when the password would travel without TLS.
 */
class CachingSha2LoginTest {

    private static final byte[] PASSWORD = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SCRAMBLE = new byte[20];
    private static final long SERVER_CAPS = Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH
            | Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA | Capabilities.DEPRECATE_EOF | Capabilities.CONNECT_WITH_DB;

    static {
        for (int i = 0; i < 20; i++) {
            SCRAMBLE[i] = (byte) (i + 1);
        }
    }

    @AfterAll
    static void noLeaks() throws InterruptedException {
        LeakCheck.assertNoLeaks();
    }

    private record Login(EmbeddedChannel channel, CompletableFuture<MySqlUpstreamLink> result) {
    }

    private static Login start(boolean allowWithoutTls, String plugin) {
        MySqlBackendDecoder decoder = new MySqlBackendDecoder();
        CompletableFuture<MySqlUpstreamLink> result = new CompletableFuture<>();
        MySqlTarget target = new MySqlTarget("db.example", 3306, "app", "appdb", TlsMode.PREFER, allowWithoutTls);
        EmbeddedChannel channel = new EmbeddedChannel(decoder, new MySqlLoginHandler(target, PASSWORD.clone(),
                new MySqlUpstreamTls(Optional.empty()), MySqlLoginHandler.WANTED, decoder, result));
        channel.writeInbound(MySqlPackets.greeting(ByteBufAllocator.DEFAULT, "8.4.3", 12, SCRAMBLE, SERVER_CAPS, 255, 2, plugin));
        return new Login(channel, result);
    }

    /** The gateway's packets, read back with the client-side decoder. */
    private static Object readSent(EmbeddedChannel channel, MySqlFrontendDecoder decoder, EmbeddedChannel reader) {
        ByteBuf sent = channel.readOutbound();
        reader.writeInbound(sent);
        return reader.readInbound();
    }

    @Test
    void fastAuthentication() {
        Login login = start(false, "caching_sha2_password");
        MySqlFrontendDecoder clientSide = new MySqlFrontendDecoder();
        EmbeddedChannel reader = new EmbeddedChannel(clientSide);
        HandshakeResponse response = (HandshakeResponse) readSent(login.channel(), clientSide, reader);
        assertThat(response.authPlugin()).isEqualTo("caching_sha2_password");
        assertThat(response.user()).isEqualTo("app");
        assertThat(response.database()).isEqualTo("appdb");
        assertThat(HexFormat.of().formatHex(response.authResponse()))
                .isEqualTo("7b0eaad434a2838ac2855f7920e2397eca360521086082989a7a43feb01cfd22"); // hashlib fixture
        response.release();
        login.channel().writeInbound(MySqlPackets.authMoreData(ByteBufAllocator.DEFAULT, 2, new byte[] {3}));
        assertThat(login.result()).isNotDone();
        login.channel().writeInbound(MySqlPackets.ok(ByteBufAllocator.DEFAULT, 3, 0, 0, 2, 0));
        assertThat(login.result().join().authPlugin()).isEqualTo("caching_sha2_password");
        login.channel().finishAndReleaseAll();
        reader.finishAndReleaseAll();
    }

    @Test
    void fullAuthenticationWithoutTlsIsWithheldByDefault() {
        Login login = start(false, "caching_sha2_password");
        ByteBuf response = login.channel().readOutbound();
        response.release();
        login.channel().writeInbound(MySqlPackets.authMoreData(ByteBufAllocator.DEFAULT, 2, new byte[] {4}));
        assertThat(login.result()).isCompletedExceptionally();
        assertThat(login.result().handle((ok, e) -> ((MySqlUpstreamException) e).kind()).join()).isEqualTo(MySqlUpstreamException.Kind.WITHHELD);
        for (Object more = login.channel().readOutbound(); more != null; more = login.channel().readOutbound()) {
            ByteBuf sent = (ByteBuf) more;
            assertThat(new String(ByteBufUtil.getBytes(sent), StandardCharsets.ISO_8859_1)).doesNotContain("correct horse");
            sent.release();
        }
        login.channel().finishAndReleaseAll();
    }

    @Test
    void fullAuthenticationWithTheServersRsaKeyWhenAllowed() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Login login = start(true, "caching_sha2_password");
        ((ByteBuf) login.channel().readOutbound()).release();
        login.channel().writeInbound(MySqlPackets.authMoreData(ByteBufAllocator.DEFAULT, 2, new byte[] {4}));
        MySqlFrontendDecoder clientSide = new MySqlFrontendDecoder();
        clientSide.expectAuthResponse(2);
        EmbeddedChannel reader = new EmbeddedChannel(clientSide);
        AuthResponse keyRequest = (AuthResponse) readSent(login.channel(), clientSide, reader);
        assertThat(keyRequest.data()).containsExactly(2);
        keyRequest.release();
        login.channel().writeInbound(MySqlPackets.authMoreData(ByteBufAllocator.DEFAULT, 4, pem.getBytes(StandardCharsets.US_ASCII)));
        clientSide.expectAuthResponse(4);
        AuthResponse encrypted = (AuthResponse) readSent(login.channel(), clientSide, reader);
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.DECRYPT_MODE, pair.getPrivate());
        byte[] plain = cipher.doFinal(encrypted.data());
        for (int i = 0; i < plain.length; i++) {
            plain[i] ^= SCRAMBLE[i % 20];
        }
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("correct horse battery staple\0");
        encrypted.release();
        login.channel().writeInbound(MySqlPackets.ok(ByteBufAllocator.DEFAULT, 6, 0, 0, 2, 0));
        assertThat(login.result().join().tls()).isFalse();
        login.channel().finishAndReleaseAll();
        reader.finishAndReleaseAll();
    }

    @Test
    void aSwitchToCleartextWithoutTlsIsWithheld() {
        Login login = start(false, "mysql_native_password");
        ((ByteBuf) login.channel().readOutbound()).release();
        login.channel().writeInbound(MySqlPackets.authSwitch(ByteBufAllocator.DEFAULT, 2, "mysql_clear_password", new byte[0]));
        assertThat(login.result().handle((ok, e) -> e.getMessage()).join()).contains("cleartext").doesNotContain("correct horse");
        assertThat((Object) login.channel().readOutbound()).isNull();
        login.channel().finishAndReleaseAll();
    }
}
