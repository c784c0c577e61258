package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.TlsMode;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;

/**
 * Asks the target for TLS (SSLRequest) and reads its one-byte answer, before anything is framed:
 * 'S' installs an {@link SslHandler} at the head of the pipeline, 'N' continues in plain text only
 * for {@code prefer}. Leaves the pipeline once the answer is in and hands over via
 * {@link Continuation}.
 *
 * <p>The answer must arrive alone. Bytes after it in the same read were sent before encryption
 * started, so a man in the middle could have put them there to be taken for the server's
 * (CVE-2021-23222); they end the attempt instead of being passed on.
 */
final class SslNegotiationHandler extends ChannelInboundHandlerAdapter {

    /** What runs once the transport is settled, with the channel ready for the next phase. */
    @FunctionalInterface
    interface Continuation {
        void proceed(boolean encrypted);
    }

    private final UpstreamAttempt<?> attempt;
    private final UpstreamTls tls;
    private final Continuation continuation;
    private boolean requested;
    private boolean answered;

    SslNegotiationHandler(UpstreamAttempt<?> attempt, UpstreamTls tls, Continuation continuation) {
        this.attempt = attempt;
        this.tls = tls;
        this.continuation = continuation;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            request(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        request(ctx);
        ctx.fireChannelActive();
    }

    private void request(ChannelHandlerContext ctx) {
        if (requested) {
            return;
        }
        requested = true;
        ctx.writeAndFlush(PostgresMessages.sslRequest(ctx.alloc())).addListener((ChannelFutureListener) sent -> {
            if (!sent.isSuccess()) {
                attempt.failUnavailable("requesting TLS from", sent.cause());
            }
        });
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (attempt.isDone() || answered) {
                return;
            }
            answered = true;
            if (in.readableBytes() != 1) {
                attempt.fail(UpstreamHandshakeException.violation(attempt.address() + " sent " + in.readableBytes()
                        + " bytes in answer to SSLRequest where exactly one belongs; unencrypted data"
                        + " ahead of the TLS handshake is refused"));
                return;
            }
            settle(ctx, (char) (in.getByte(in.readerIndex()) & 0xFF));
        } finally {
            in.release();
        }
    }

    private void settle(ChannelHandlerContext ctx, char answer) {
        Connection target = attempt.target();
        switch (answer) {
            case 'S' -> startTls(ctx, target);
            case 'N' -> {
                if (target.tlsMode() != TlsMode.PREFER) {
                    attempt.fail(new UpstreamUnavailableException(attempt.address() + " does not accept TLS"
                            + " (it answered 'N' to SSLRequest), but connection " + target.name()
                            + " requires TLS (sslmode " + target.tlsMode().wireName() + ")"));
                    return;
                }
                ctx.pipeline().remove(this);
                continuation.proceed(false);
            }
            case 'E' -> attempt.fail(UpstreamHandshakeException.violation(attempt.address()
                    + " answered SSLRequest with an error; it does not look like a PostgreSQL 7.0+ server"));
            default -> attempt.fail(UpstreamHandshakeException.violation(attempt.address()
                    + " answered SSLRequest with byte 0x" + Integer.toHexString(answer) + " instead of 'S' or 'N'"));
        }
    }

    private void startTls(ChannelHandlerContext ctx, Connection target) {
        SslHandler sslHandler = tls.newHandler(ctx.alloc(), target);
        ctx.pipeline().remove(this);
        ctx.pipeline().addFirst(PostgresUpstreamConnector.TLS_HANDLER, sslHandler);
        sslHandler.handshakeFuture().addListener(handshake -> {
            if (handshake.isSuccess()) {
                continuation.proceed(true);
            } else {
                attempt.failUnavailable("the TLS handshake with", handshake.cause());
            }
        });
        // autoRead is off: the server's half of the handshake only arrives if a read is asked for.
        ctx.channel().read();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        attempt.fail(new UpstreamUnavailableException(attempt.address()
                + " closed the connection before answering SSLRequest"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        attempt.failUnavailable("negotiating TLS with", cause);
    }
}
