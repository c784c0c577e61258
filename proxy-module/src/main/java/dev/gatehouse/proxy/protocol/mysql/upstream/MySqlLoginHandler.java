package dev.gatehouse.proxy.protocol.mysql.upstream;

import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.protocol.mysql.codec.MySqlBackendDecoder;
import dev.gatehouse.proxy.protocol.mysql.codec.MySqlBackendDecoder.Answer;
import dev.gatehouse.proxy.protocol.mysql.codec.MySqlPackets;
import dev.gatehouse.proxy.protocol.mysql.message.AuthMoreData;
import dev.gatehouse.proxy.protocol.mysql.message.AuthSwitchRequest;
import dev.gatehouse.proxy.protocol.mysql.message.Capabilities;
import dev.gatehouse.proxy.protocol.mysql.message.ErrPacket;
import dev.gatehouse.proxy.protocol.mysql.message.MySqlMessage;
import dev.gatehouse.proxy.protocol.mysql.message.MySqlProtocolViolation;
import dev.gatehouse.proxy.protocol.mysql.message.OkPacket;
import dev.gatehouse.proxy.protocol.mysql.message.ServerGreeting;
import dev.gatehouse.proxy.protocol.mysql.upstream.MySqlUpstreamException.Kind;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;

/**
 * The login exchange with a target, packet by packet: greeting, TLS when the mode asks for it,
 * the handshake response, auth switches and caching_sha2's extra rounds, until OK or ERR. On OK
 * the handler leaves the pipeline and the link is handed over with autoRead off. The password is
 * wiped when the exchange ends, whichever way.
 */
final class MySqlLoginHandler extends ChannelInboundHandlerAdapter {

    /** What the gateway asks for when the target offers it. */
    static final long WANTED = Capabilities.LONG_PASSWORD | Capabilities.FOUND_ROWS | Capabilities.LONG_FLAG
            | Capabilities.PROTOCOL_41 | Capabilities.TRANSACTIONS | Capabilities.SECURE_CONNECTION | Capabilities.MULTI_STATEMENTS
            | Capabilities.MULTI_RESULTS | Capabilities.PS_MULTI_RESULTS | Capabilities.PLUGIN_AUTH
            | Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA | Capabilities.CONNECT_ATTRS | Capabilities.SESSION_TRACK
            | Capabilities.DEPRECATE_EOF;

    private final MySqlTarget target;
    private final MySqlUpstreamTls tls;
    private final long requested;
    private final MySqlBackendDecoder decoder;
    private final CompletableFuture<MySqlUpstreamLink> result;
    private byte[] password;
    private ServerGreeting greeting;
    private long agreed;
    private boolean tlsOn;
    private String plugin;
    private byte[] scramble;
    private boolean awaitingPublicKey;

    MySqlLoginHandler(MySqlTarget target, byte[] password, MySqlUpstreamTls tls, long requested, MySqlBackendDecoder decoder,
            CompletableFuture<MySqlUpstreamLink> result) {
        this.target = target;
        this.password = password;
        this.tls = tls;
        this.requested = requested;
        this.decoder = decoder;
        this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        decoder.expect(Answer.GREETING, 0);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            switch (msg) {
                case ServerGreeting g -> onGreeting(ctx, g);
                case AuthSwitchRequest s -> onSwitch(ctx, s);
                case AuthMoreData m -> onMoreData(ctx, m);
                case OkPacket ok -> onOk(ctx);
                case ErrPacket err -> fail(ctx, new MySqlUpstreamException(Kind.REFUSED, "the target " + where() + " refused the login: "
                        + err.message(), err.code(), err.sqlState(), null));
                case MySqlProtocolViolation v -> fail(ctx, MySqlUpstreamException.of(Kind.PROTOCOL, "the target " + where()
                        + " broke the protocol during login: " + v.message()));
                default -> fail(ctx, MySqlUpstreamException.of(Kind.PROTOCOL, "an unexpected packet from " + where() + " during login"));
            }
        } catch (GeneralSecurityException e) {
            fail(ctx, new MySqlUpstreamException(Kind.TLS, "the target's RSA public key cannot be used: " + e.getMessage(), 0, null, null));
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onGreeting(ChannelHandlerContext ctx, ServerGreeting g) {
        greeting = g;
        long server = g.capabilities();
        if (!Capabilities.has(server, Capabilities.PROTOCOL_41) || !Capabilities.has(server, Capabilities.SECURE_CONNECTION)) {
            fail(ctx, MySqlUpstreamException.of(Kind.PROTOCOL, "the target " + where() + " does not speak protocol 4.1"));
            return;
        }
        boolean offered = Capabilities.has(server, Capabilities.SSL);
        TlsMode mode = target.tlsMode();
        boolean wantTls = mode != TlsMode.DISABLE && offered;
        if (!offered && mode != TlsMode.DISABLE && mode != TlsMode.PREFER) {
            fail(ctx, MySqlUpstreamException.of(Kind.TLS, "the target " + where() + " does not offer TLS, which the connection requires ("
                    + mode.wireName() + ")"));
            return;
        }
        agreed = requested & server;
        if (target.database() != null) {
            agreed |= Capabilities.CONNECT_WITH_DB & server;
        }
        plugin = g.authPlugin() == null ? AuthScrambles.NATIVE : g.authPlugin();
        scramble = g.scramble();
        decoder.capabilities(agreed);
        if (!wantTls) {
            sendResponse(ctx, 1);
            return;
        }
        ctx.writeAndFlush(MySqlPackets.sslRequest(ctx.alloc(), 1, agreed, MySqlPackets.UTF8MB4_GENERAL_CI));
        SslHandler ssl = tls.newHandler(ctx.alloc(), target);
        ctx.pipeline().addFirst("mysql-tls", ssl);
        ssl.handshakeFuture().addListener(done -> {
            if (done.isSuccess()) {
                tlsOn = true;
                sendResponse(ctx, 2);
            } else {
                fail(ctx, new MySqlUpstreamException(Kind.TLS, "TLS with the target " + where() + " failed: " + done.cause().getMessage(), 0,
                        null, done.cause()));
            }
        });
    }

    private void sendResponse(ChannelHandlerContext ctx, int sequence) {
        byte[] answer = answer(plugin, scramble, true);
        String sentPlugin = answer == null ? AuthScrambles.NATIVE : plugin;
        decoder.expect(Answer.AUTH, sequence + 1);
        ctx.writeAndFlush(MySqlPackets.handshakeResponse(ctx.alloc(), sequence, agreed | Capabilities.PROTOCOL_41,
                MySqlPackets.UTF8MB4_GENERAL_CI, target.user(), answer == null ? new byte[0] : answer, target.database(), sentPlugin,
                Map.of("_client_name", "gatehouse", "program_name", "gatehouse")));
        wipe(answer);
    }

    private void onSwitch(ChannelHandlerContext ctx, AuthSwitchRequest request) {
        plugin = request.plugin();
        scramble = request.data();
        byte[] answer = answer(plugin, scramble, false);
        if (answer == null) {
            fail(ctx, MySqlUpstreamException.of(Kind.WITHHELD, withheld(plugin)));
            return;
        }
        int sequence = request.sequenceId() + 1;
        decoder.expect(Answer.AUTH, sequence + 1);
        ctx.writeAndFlush(MySqlPackets.authData(ctx.alloc(), sequence, answer));
        wipe(answer);
    }

    private void onMoreData(ChannelHandlerContext ctx, AuthMoreData more) throws GeneralSecurityException {
        int sequence = more.sequenceId() + 1;
        byte[] data = more.data();
        if (awaitingPublicKey) {
            awaitingPublicKey = false;
            byte[] encrypted = AuthScrambles.rsaEncrypted(password, scramble, new String(data, StandardCharsets.US_ASCII));
            decoder.expect(Answer.AUTH, sequence + 1);
            ctx.writeAndFlush(MySqlPackets.authData(ctx.alloc(), sequence, encrypted));
            return;
        }
        if (!AuthScrambles.CACHING_SHA2.equals(plugin) || data.length != 1 || data[0] != 3 && data[0] != 4) {
            fail(ctx, MySqlUpstreamException.of(Kind.PROTOCOL, "unexpected authentication data from " + where()));
            return;
        }
        if (data[0] == 3) {
            decoder.expect(Answer.AUTH, sequence); // fast authentication succeeded: the OK follows
            return;
        }
        // Full authentication: the password itself, over TLS, or encrypted to the server's RSA key.
        decoder.expect(Answer.AUTH, sequence + 1);
        if (tlsOn) {
            byte[] clear = AuthScrambles.nulTerminated(password);
            ctx.writeAndFlush(MySqlPackets.authData(ctx.alloc(), sequence, clear));
            wipe(clear);
        } else if (target.allowCleartextWithoutTls()) {
            awaitingPublicKey = true;
            ctx.writeAndFlush(MySqlPackets.authData(ctx.alloc(), sequence, new byte[] {2})); // request the public key
        } else {
            fail(ctx, MySqlUpstreamException.of(Kind.WITHHELD, "the target " + where() + " asks caching_sha2_password for the password"
                    + " itself; without TLS the gateway withholds it (its RSA key could be anyone's): use TLS towards the target"));
        }
    }

    /** The first answer for a plugin, or null when the gateway will not or cannot give one. */
    private byte[] answer(String name, byte[] salt, boolean initial) {
        return switch (name) {
            case AuthScrambles.NATIVE -> AuthScrambles.nativePassword(password, salt);
            case AuthScrambles.CACHING_SHA2 -> AuthScrambles.cachingSha2(password, salt);
            case AuthScrambles.ED25519 -> initial ? null : Ed25519Password.sign(password, salt.length == 33 && salt[32] == 0 ? Arrays.copyOf(salt, 32) : salt);
            case AuthScrambles.CLEAR -> tlsOn || target.allowCleartextWithoutTls() ? AuthScrambles.nulTerminated(password) : null;
            default -> null;
        };
    }

    private String withheld(String name) {
        return AuthScrambles.CLEAR.equals(name)
                ? "the target " + where() + " asks for the password in cleartext (mysql_clear_password) on a connection without TLS:"
                        + " the gateway withholds it"
                : "the target " + where() + " asks for the authentication plugin " + name + ", which the gateway does not speak";
    }

    private void onOk(ChannelHandlerContext ctx) {
        wipe(password);
        password = null;
        ctx.channel().config().setAutoRead(false);
        ctx.pipeline().remove(this);
        result.complete(new MySqlUpstreamLink(ctx.channel(), greeting.serverVersion(), greeting.connectionId(), agreed, tlsOn, plugin));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, MySqlUpstreamException.of(Kind.UNAVAILABLE, "the target " + where() + " closed the connection during login"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        boolean tlsFailure = cause instanceof SSLException || cause.getCause() instanceof SSLException;
        fail(ctx, new MySqlUpstreamException(tlsFailure ? Kind.TLS : Kind.UNAVAILABLE, (tlsFailure ? "TLS with the target " : "the connection to ")
                + where() + " failed: " + cause.getMessage(), 0, null, cause));
    }

    private void fail(ChannelHandlerContext ctx, MySqlUpstreamException failure) {
        wipe(password);
        password = null;
        if (result.completeExceptionally(failure)) {
            ctx.close();
        }
    }

    private String where() {
        return target.host() + ":" + target.port();
    }

    private static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
