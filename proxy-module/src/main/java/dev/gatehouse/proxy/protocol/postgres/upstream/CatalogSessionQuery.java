package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.ReadyForQuery;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One lookup on a fresh upstream catalog session, read to its end. The lookups (columns, routines,
 * views) differ only in their text and in what they keep of each row; how they fail is shared, and
 * it always fails closed: an error, a target that goes away or one that does not answer in time
 * completes the result exceptionally, never with a partial answer.
 *
 * @param <T> what the rows amount to
 */
abstract class CatalogSessionQuery<T> extends ChannelInboundHandlerAdapter {

    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final String what;
    private String error;

    /** @param what the lookup as the failure messages name it, e.g. "the view lookup" */
    CatalogSessionQuery(String what) {
        this.what = what;
    }

    /** Keeps what is needed of one row of the answer. */
    abstract void row(DataRow row);

    /** The answer, once the target is ready again without an error. */
    abstract T collected();

    /** Sends {@code sql} on the link's session, which this lookup then owns and closes. */
    final CompletableFuture<T> start(UpstreamLink link, String handlerName, String sql, long timeoutSeconds) {
        link.pendingMessages().forEach(ReferenceCountUtil::release);
        var channel = link.channel();
        channel.pipeline().addAfter(PostgresUpstreamConnector.DECODER, handlerName, this);
        channel.eventLoop().schedule(() -> {
            fail(what + " did not answer in time");
            channel.close();
        }, timeoutSeconds, TimeUnit.SECONDS);
        channel.writeAndFlush(PostgresMessages.query(channel.alloc(), sql));
        channel.config().setAutoRead(true);
        channel.closeFuture().addListener(closed -> fail("the target closed the catalog session"));
        return result;
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            switch (msg) {
                case DataRow row -> row(row);
                case ErrorResponse failure -> error = what + " failed: " + failure.sqlState();
                case ReadyForQuery ready -> {
                    if (error != null) {
                        fail(error);
                    } else {
                        result.complete(collected());
                    }
                    ctx.writeAndFlush(PostgresMessages.terminate(ctx.alloc())).addListener(ChannelFutureListener.CLOSE);
                }
                default -> {
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail("the catalog session failed: " + cause.getClass().getSimpleName());
        ctx.close();
    }

    /** A text-format column as a string; SQL NULL as {@code null}. */
    static String text(DataRow row, int column) {
        ByteBuf value = row.column(column);
        return value == null ? null : value.toString(StandardCharsets.UTF_8);
    }

    private void fail(String reason) {
        result.completeExceptionally(new IllegalStateException(reason));
    }
}
