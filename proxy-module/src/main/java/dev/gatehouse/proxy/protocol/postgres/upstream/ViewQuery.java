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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The view lookup on a fresh upstream catalog session (docs/adr/0018): every view and materialized
 * view outside PostgreSQL's own schemas, with {@code pg_get_viewdef}, so lineage follows a view's
 * columns to the base columns it shows.
 */
public final class ViewQuery extends ChannelInboundHandlerAdapter {

    private static final long TIMEOUT_SECONDS = 5;

    private final CompletableFuture<Map<String, String>> result = new CompletableFuture<>();
    private final Map<String, String> found = new HashMap<>();
    private String error;

    private ViewQuery() {
    }

    static CompletableFuture<Map<String, String>> run(UpstreamLink link) {
        ViewQuery query = new ViewQuery();
        link.pendingMessages().forEach(ReferenceCountUtil::release);
        var channel = link.channel();
        channel.pipeline().addAfter(PostgresUpstreamConnector.DECODER, "view-query", query);
        channel.eventLoop().schedule(() -> {
            query.fail("the view lookup did not answer in time");
            channel.close();
        }, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        channel.writeAndFlush(PostgresMessages.query(channel.alloc(), SQL));
        channel.config().setAutoRead(true);
        channel.closeFuture().addListener(closed -> query.fail("the target closed the catalog session"));
        return query.result;
    }

    /** Public so a differential test can tell the gateway's own catalog statements in a target's log. */
    public static final String SQL = "SELECT n.nspname, c.relname, pg_catalog.pg_get_viewdef(c.oid)"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')";

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            switch (msg) {
                case DataRow row -> found.put(text(row, 0) + "." + text(row, 1), text(row, 2));
                case ErrorResponse failure -> error = "the view lookup failed: " + failure.sqlState();
                case ReadyForQuery ready -> {
                    if (error != null) {
                        fail(error);
                    } else {
                        result.complete(Map.copyOf(found));
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
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail("the catalog session failed: " + cause.getClass().getSimpleName());
        ctx.close();
    }

    private static String text(DataRow row, int column) {
        ByteBuf value = row.column(column);
        return value == null ? null : value.toString(StandardCharsets.UTF_8);
    }

    private void fail(String reason) {
        result.completeExceptionally(new IllegalStateException(reason));
    }
}
