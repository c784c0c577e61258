package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.api.StoreIdentity;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages;
import dev.gatehouse.proxy.protocol.postgres.message.AuthenticationRequest;
import dev.gatehouse.proxy.protocol.postgres.message.BackendKeyData;
import dev.gatehouse.proxy.protocol.postgres.message.BackendMessage;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.FramedMessage;
import dev.gatehouse.proxy.protocol.postgres.message.NoticeResponse;
import dev.gatehouse.proxy.protocol.postgres.message.ParameterStatus;
import dev.gatehouse.proxy.protocol.postgres.message.ProtocolViolation;
import dev.gatehouse.proxy.protocol.postgres.message.ReadyForQuery;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The startup phase as the server's client: sends the StartupMessage, answers the authentication
 * exchange, collects ParameterStatus and BackendKeyData, and on ReadyForQuery leaves the pipeline
 * and hands the channel over as an {@link UpstreamLink}.
 *
 * <p>Hand-over happens in {@code channelReadComplete}, not on ReadyForQuery itself: the decoder may
 * still be firing messages from the same read, and those are collected as the link's pending
 * messages instead of falling off the end of the pipeline. No further read is asked for after
 * ReadyForQuery, so with autoRead off nothing more is decoded until the new owner asks.
 */
final class UpstreamStartupHandler extends ChannelInboundHandlerAdapter {

    private final UpstreamAttempt<UpstreamLink> attempt;
    private final Map<String, String> startupParameters;
    private final UpstreamAuthenticator authenticator;
    private final boolean awaitsTls;
    private final boolean plainPasswordsToLoopback;
    private final StoreProbe probe;
    private boolean probing;
    private final Map<String, String> parameterStatus = new LinkedHashMap<>();
    private final List<BackendMessage> pending = new ArrayList<>();
    private ChannelHandlerContext ctx;
    private boolean began;
    private boolean encrypted;
    private boolean ready;
    private int processId;
    private int secretKey;

    /**
     * @param awaitsTls true when an {@link SslNegotiationHandler} runs first and calls {@link #begin};
     *     otherwise the handler begins as soon as the channel is active
     */
    UpstreamStartupHandler(UpstreamAttempt<UpstreamLink> attempt, Map<String, String> startupParameters,
            UpstreamAuthenticator authenticator, boolean awaitsTls) {
        this(attempt, startupParameters, authenticator, awaitsTls, StoreIdentity.NONE, false);
    }

    /**
     * @param store checked after authentication with one query ({@link StoreProbe}); NONE skips it
     * @param plainPasswordsToLoopback whether cleartext and md5 answers may go unencrypted to loopback
     */
    UpstreamStartupHandler(UpstreamAttempt<UpstreamLink> attempt, Map<String, String> startupParameters,
            UpstreamAuthenticator authenticator, boolean awaitsTls, StoreIdentity store, boolean plainPasswordsToLoopback) {
        this.attempt = attempt;
        this.startupParameters = startupParameters;
        this.authenticator = authenticator;
        this.awaitsTls = awaitsTls;
        this.plainPasswordsToLoopback = plainPasswordsToLoopback;
        this.probe = store == StoreIdentity.NONE ? null : new StoreProbe(store, attempt.target().name());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        if (!awaitsTls && context.channel().isActive()) {
            begin(false);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        if (!awaitsTls) {
            begin(false);
        }
        context.fireChannelActive();
    }

    /** Sends the StartupMessage; the transport (plain or TLS) is settled by now. */
    void begin(boolean overTls) {
        if (began || attempt.isDone()) {
            return;
        }
        began = true;
        encrypted = overTls;
        authenticator.transport(overTls, plainPasswordsToLoopback && remoteIsLoopback());
        ctx.writeAndFlush(PostgresMessages.startupMessage(ctx.alloc(), startupParameters))
                .addListener((ChannelFutureListener) this::failIfUnsent);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (attempt.isDone()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (ready) {
            pending.add((BackendMessage) msg);
            return;
        }
        try {
            if (!(msg instanceof BackendMessage message)) {
                throw UpstreamHandshakeException.violation(attempt.address() + " sent data before the startup began");
            }
            handle(message);
        } catch (UpstreamException e) {
            attempt.fail(e);
        } catch (RuntimeException e) {
            // Library and encoder errors name the problem, never the secret; the cause keeps the detail.
            attempt.fail(new UpstreamHandshakeException(UpstreamHandshakeException.PROTOCOL_VIOLATION,
                    "the handshake with " + attempt.address() + " failed: " + e.getMessage(), e));
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private boolean remoteIsLoopback() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null
                && remote.getAddress().isLoopbackAddress();
    }

    private void handle(BackendMessage message) {
        if (probing) {
            probeAnswer(message);
            return;
        }
        switch (message) {
            case AuthenticationRequest request -> {
                ByteBuf answer = authenticator.answer(ctx.alloc(), request);
                if (answer != null) {
                    writeAndWipe(answer);
                }
            }
            case ParameterStatus status -> parameterStatus.put(status.name(), status.value());
            case BackendKeyData key -> {
                processId = key.processId();
                secretKey = key.secretKey();
            }
            // Startup notices (e.g. a deprecated setting) are for a client that is not attached yet.
            case NoticeResponse notice -> { }
            case ErrorResponse error -> throw new UpstreamRefusedException(
                    orElse(error.sqlState(), "XX000"), orElse(error.message(), "(no message)"));
            case ReadyForQuery readyForQuery -> {
                authenticator.requireCompleted();
                if (probe == null) {
                    ready = true;
                } else {
                    probing = true;
                    ctx.writeAndFlush(PostgresMessages.query(ctx.alloc(), StoreProbe.SQL))
                            .addListener((ChannelFutureListener) this::failIfUnsent);
                }
            }
            case ProtocolViolation violation -> throw UpstreamHandshakeException.violation(
                    attempt.address() + " broke the protocol during startup: " + violation.message());
            default -> throw UpstreamHandshakeException.violation(attempt.address()
                    + " sent an unexpected message during startup: " + describe(message));
        }
    }

    /** The store probe's answer; its ReadyForQuery ends the startup (or refuses the target). */
    private void probeAnswer(BackendMessage message) {
        switch (message) {
            case DataRow row -> probe.row(row);
            case ErrorResponse error -> probe.error(error);
            case ReadyForQuery readyForQuery -> {
                probe.verdict();
                probing = false;
                ready = true;
            }
            case ProtocolViolation violation -> throw UpstreamHandshakeException.violation(
                    attempt.address() + " broke the protocol answering the gateway's identity query: " + violation.message());
            // RowDescription, CommandComplete, notices, ParameterStatus: nothing to learn.
            default -> { }
        }
    }

    /**
     * Authentication answers hold the password or something derived from it. One extra reference
     * keeps the buffer until the write is done so its bytes can be zeroed, rather than lingering in
     * pooled memory for the next user of that memory.
     */
    private void writeAndWipe(ByteBuf answer) {
        answer.retain();
        ctx.writeAndFlush(answer).addListener((ChannelFutureListener) written -> {
            answer.setZero(0, answer.capacity());
            answer.release();
            failIfUnsent(written);
        });
        ctx.read();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        if (attempt.isDone()) {
            return;
        }
        if (ready) {
            handOver();
        } else {
            context.read();
        }
    }

    private void handOver() {
        // The link takes the pending messages first: removal releases whatever is still listed here.
        UpstreamLink link = new UpstreamLink(ctx.channel(), parameterStatus, processId, secretKey, encrypted, pending);
        pending.clear();
        ctx.pipeline().remove(this);
        if (!attempt.succeed(link)) {
            link.close();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        attempt.fail(new UpstreamUnavailableException(attempt.address() + " closed the connection during startup"));
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        attempt.failUnavailable("the startup with", cause);
    }

    private void failIfUnsent(ChannelFuture written) {
        if (!written.isSuccess()) {
            attempt.failUnavailable("sending to", written.cause());
        }
    }

    private static String describe(BackendMessage message) {
        if (message instanceof FramedMessage framed) {
            char type = framed.type();
            return type >= 0x21 && type <= 0x7E ? "type '" + type + "'" : "type 0x" + Integer.toHexString(type);
        }
        return message.getClass().getSimpleName();
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
