package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Sends one CancelRequest and waits for the server to close the connection, which it does once it
 * has acted on the request (libpq's PQcancel waits the same way). The server never answers.
 */
final class CancelRequestHandler extends ChannelInboundHandlerAdapter {

    private final UpstreamAttempt<Void> attempt;
    private final int processId;
    private final int secretKey;
    private final boolean awaitsTls;
    private ChannelHandlerContext ctx;
    private boolean sent;

    CancelRequestHandler(UpstreamAttempt<Void> attempt, int processId, int secretKey, boolean awaitsTls) {
        this.attempt = attempt;
        this.processId = processId;
        this.secretKey = secretKey;
        this.awaitsTls = awaitsTls;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        if (!awaitsTls && context.channel().isActive()) {
            send();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        if (!awaitsTls) {
            send();
        }
        context.fireChannelActive();
    }

    void send() {
        if (sent || attempt.isDone()) {
            return;
        }
        sent = true;
        ctx.writeAndFlush(PostgresMessages.cancelRequest(ctx.alloc(), processId, secretKey))
                .addListener((ChannelFutureListener) written -> {
                    if (!written.isSuccess()) {
                        attempt.failUnavailable("sending a cancel request to", written.cause());
                    }
                });
        // Reading is how the close is noticed.
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        context.read();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (sent) {
            attempt.succeed(null);
        } else {
            attempt.fail(new UpstreamUnavailableException(attempt.address()
                    + " closed the connection before the cancel request was sent"));
        }
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        attempt.failUnavailable("cancelling on", cause);
    }
}
