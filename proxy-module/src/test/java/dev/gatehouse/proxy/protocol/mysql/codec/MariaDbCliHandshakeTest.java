package dev.gatehouse.proxy.protocol.mysql.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.protocol.mysql.message.AuthResponse;
import dev.gatehouse.proxy.protocol.mysql.message.Capabilities;
import dev.gatehouse.proxy.protocol.mysql.message.HandshakeResponse;
import dev.gatehouse.proxy.protocol.mysql.message.MySqlProtocolViolation;
import dev.gatehouse.proxy.protocol.mysql.message.SslRequest;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code mariadb} CLI (10.11, libmariadb) against a tiny server made of the gateway's own
 * codec: what the client really sends, decoded by MySqlFrontendDecoder, for the token hand-over
 * flows of docs/adr/0024. A Keycloak token is long (about 1,000 characters): the test uses one of
 * 1,200. The server never lets the login finish; it only records what arrives.
 */
class MariaDbCliHandshakeTest {

    private static final String TOKEN = token(1200);
    private static MultiThreadIoEventLoopGroup group;
    private static SslContext serverTls;

    private static String token(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder("eyJ");
        while (out.length() < length) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @BeforeAll
    static void start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Path dir = Files.createTempDirectory("gh-cli-tls-");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-keyout", "key.pem", "-out", "cert.pem").directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        serverTls = SslContextBuilder.forServer(dir.resolve("cert.pem").toFile(), dir.resolve("key.pem").toFile()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** How the fake server answers the handshake response. */
    enum Answer { CACHING_SHA2_FULL_AUTH, SWITCH_TO_CLEAR_PASSWORD }

    /** What arrived, decoded and copied (messages are released at once). */
    record Seen(List<String> events, byte[] handshakeAuth, String handshakePlugin, byte[] authResponse) {
    }

    private static Seen run(String plugin, boolean offerTls, Answer answer, String... flags) throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        byte[][] captured = new byte[2][];
        String[] pluginSeen = new String[1];
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        MySqlFrontendDecoder decoder = new MySqlFrontendDecoder();
                        channel.pipeline().addLast(decoder, new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                byte[] scramble = new byte[20];
                                new SecureRandom().nextBytes(scramble);
                                for (int i = 0; i < 20; i++) {
                                    scramble[i] = (byte) (scramble[i] & 0x7F | 1);
                                }
                                long caps = Capabilities.LONG_PASSWORD | Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION
                                        | Capabilities.PLUGIN_AUTH | Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA | Capabilities.CONNECT_WITH_DB
                                        | Capabilities.TRANSACTIONS | Capabilities.MULTI_STATEMENTS | Capabilities.MULTI_RESULTS
                                        | Capabilities.CONNECT_ATTRS | Capabilities.DEPRECATE_EOF | (offerTls ? Capabilities.SSL : 0);
                                ctx.writeAndFlush(MySqlPackets.greeting(ctx.alloc(), "10.11.19-MariaDB-Gatehouse", 1, scramble, caps, 45, 2, plugin));
                            }

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                try {
                                    switch (msg) {
                                        case SslRequest ssl -> {
                                            events.add("SSLRequest");
                                            ByteBuf clientHello = decoder.bytesForTls(); // may have come in the same read
                                            ctx.pipeline().addFirst(serverTls.newHandler(ctx.alloc()));
                                            decoder.expectHandshakeAfterTls();
                                            if (clientHello.isReadable()) {
                                                ctx.pipeline().fireChannelRead(clientHello);
                                            } else {
                                                clientHello.release();
                                            }
                                        }
                                        case HandshakeResponse response -> {
                                            events.add("HandshakeResponse user=" + response.user());
                                            captured[0] = response.authResponse().clone();
                                            pluginSeen[0] = response.authPlugin();
                                            int next = response.sequenceId() + 1;
                                            decoder.expectAuthResponse(next);
                                            ctx.writeAndFlush(answer == Answer.CACHING_SHA2_FULL_AUTH
                                                    ? MySqlPackets.authMoreData(ctx.alloc(), next, new byte[] {4})
                                                    : MySqlPackets.authSwitch(ctx.alloc(), next, "mysql_clear_password", new byte[0]));
                                        }
                                        case AuthResponse auth -> {
                                            events.add("AuthResponse");
                                            captured[1] = auth.data().clone();
                                            ctx.writeAndFlush(MySqlPackets.err(ctx.alloc(), auth.sequenceId() + 1, 1045, "28000", "recorded"))
                                                    .addListener(f -> ctx.close());
                                        }
                                        case MySqlProtocolViolation v -> events.add("violation " + v.message());
                                        default -> events.add("other " + msg.getClass().getSimpleName());
                                    }
                                } finally {
                                    ReferenceCountUtil.release(msg);
                                }
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                events.add("closed");
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                events.add("exception " + cause.getClass().getSimpleName());
                                ctx.close();
                            }
                        });
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        try {
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            List<String> command = new ArrayList<>(List.of("mariadb", "--no-defaults", "-h127.0.0.1", "-P" + port, "-upayments",
                    "--password=" + TOKEN, "--connect-timeout=10"));
            command.addAll(List.of(flags));
            command.addAll(List.of("-e", "select 1"));
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            cli.getInputStream().readAllBytes();
            assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<String> seen = new ArrayList<>();
            String event;
            while ((event = events.poll(2, TimeUnit.SECONDS)) != null) {
                seen.add(event);
                if (event.equals("closed")) {
                    break;
                }
            }
            return new Seen(seen, captured[0], pluginSeen[0], captured[1]);
        } finally {
            server.close().sync();
        }
    }

    private static byte[] tokenWithNul() {
        byte[] token = TOKEN.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(token, token.length + 1);
    }

    @Test
    void overTlsCachingSha2FullAuthenticationHandsOverTheTokenWithoutAnyFlag() throws Exception {
        Seen seen = run("caching_sha2_password", true, Answer.CACHING_SHA2_FULL_AUTH);
        assertThat(seen.events()).startsWith("SSLRequest", "HandshakeResponse user=payments", "AuthResponse");
        assertThat(seen.handshakePlugin()).isEqualTo("caching_sha2_password");
        assertThat(seen.handshakeAuth()).hasSize(32); // the fast-path scramble, not the token
        assertThat(seen.authResponse()).isEqualTo(tokenWithNul());
    }

    /**
     * libmariadb (the 10.11 CLI) answers a switch to mysql_clear_password without
     * --enable-cleartext-plugin: the flag is accepted but not needed. MySQL's own CLI needs it.
     */
    @Test
    void clearPasswordIsSentOnASwitchOverTlsWithOrWithoutTheFlag() throws Exception {
        Seen plain = run("mysql_native_password", true, Answer.SWITCH_TO_CLEAR_PASSWORD);
        assertThat(plain.events()).startsWith("SSLRequest", "HandshakeResponse user=payments", "AuthResponse");
        assertThat(plain.authResponse()).isEqualTo(tokenWithNul());
        Seen flagged = run("mysql_native_password", true, Answer.SWITCH_TO_CLEAR_PASSWORD, "--enable-cleartext-plugin");
        assertThat(flagged.authResponse()).isEqualTo(tokenWithNul());
    }

    /** Without TLS the same switch also gets the token in clear: which is why the gateway must never offer it without TLS. */
    @Test
    void withoutTlsAClearPasswordSwitchStillGetsTheToken() throws Exception {
        Seen seen = run("mysql_native_password", false, Answer.SWITCH_TO_CLEAR_PASSWORD, "--skip-ssl");
        assertThat(seen.events()).doesNotContain("SSLRequest").contains("AuthResponse");
        assertThat(seen.authResponse()).isEqualTo(tokenWithNul());
    }

    @Test
    void withoutTlsTheTokenIsNeverSentInClearByCachingSha2() throws Exception {
        Seen seen = run("caching_sha2_password", false, Answer.CACHING_SHA2_FULL_AUTH, "--skip-ssl");
        assertThat(seen.events()).doesNotContain("SSLRequest");
        if (seen.authResponse() != null) {
            assertThat(seen.authResponse()).isNotEqualTo(tokenWithNul()); // a public-key request (0x02), not the token
        }
    }
}
