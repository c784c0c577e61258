package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.ColumnOrigin;
import dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.ReadyForQuery;
import dev.gatehouse.proxy.protocol.postgres.upstream.PostgresUpstreamConnector;
import dev.gatehouse.proxy.protocol.postgres.upstream.UpstreamLink;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The one catalog query on a fresh upstream session: names of (table OID, attribute number) pairs. */
final class CatalogQuery extends ChannelInboundHandlerAdapter {

    private static final long TIMEOUT_SECONDS = 10;

    private final Set<ColumnOrigin> origins;
    private final CompletableFuture<Map<ColumnOrigin, CatalogColumn>> result = new CompletableFuture<>();
    private final Map<ColumnOrigin, CatalogColumn> found = new HashMap<>();
    private String error;

    private CatalogQuery(Set<ColumnOrigin> origins) {
        this.origins = origins;
    }

    static CompletableFuture<Map<ColumnOrigin, CatalogColumn>> run(UpstreamLink link, Set<ColumnOrigin> origins) {
        CatalogQuery query = new CatalogQuery(origins);
        link.pendingMessages().forEach(ReferenceCountUtil::release);
        var channel = link.channel();
        channel.pipeline().addAfter(PostgresUpstreamConnector.DECODER, "catalog-query", query);
        channel.eventLoop().schedule(() -> {
            query.fail("the catalog query did not answer in time");
            channel.close();
        }, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        channel.writeAndFlush(PostgresMessages.query(channel.alloc(), sql(origins)));
        channel.config().setAutoRead(true);
        channel.closeFuture().addListener(closed -> query.fail("the target closed the catalog session"));
        return query.result;
    }

    /** Only integers go into the text, so there is nothing to escape. */
    static String sql(Set<ColumnOrigin> origins) {
        String oids = origins.stream().map(origin -> Integer.toUnsignedString(origin.tableOid())).distinct()
                .collect(Collectors.joining(","));
        return "SELECT c.oid, a.attnum, n.nspname, c.relname, a.attname FROM pg_catalog.pg_attribute a"
                + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE a.attrelid = ANY ('{" + oids + "}'::oid[]) AND a.attnum > 0 AND NOT a.attisdropped";
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            switch (msg) {
                case DataRow row -> row(row);
                case ErrorResponse failure -> error = "the catalog query failed: " + failure.sqlState();
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

    private void row(DataRow row) {
        int oid = (int) Long.parseLong(text(row, 0));
        short attnum = Short.parseShort(text(row, 1));
        ColumnOrigin origin = new ColumnOrigin(oid, attnum);
        if (origins.contains(origin)) {
            found.put(origin, new CatalogColumn(text(row, 2), text(row, 3), text(row, 4)));
        }
    }

    private static String text(DataRow row, int column) {
        return row.column(column).toString(StandardCharsets.UTF_8);
    }

    private void fail(String reason) {
        result.completeExceptionally(new IllegalStateException(reason));
    }
}
