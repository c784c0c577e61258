package dev.gatehouse.proxy.protocol.postgres.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.protocol.postgres.codec.PostgresMessages;
import dev.gatehouse.proxy.protocol.postgres.message.CommandComplete;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import dev.gatehouse.proxy.protocol.postgres.message.ErrorResponse;
import dev.gatehouse.proxy.protocol.postgres.message.FramedMessage;
import dev.gatehouse.proxy.protocol.postgres.message.ReadyForQuery;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Takes an {@link UpstreamLink} over the way a relay would (handler after the decoder, then
 * autoRead on) and turns what the server sends into plain {@link Reply} values, releasing every
 * buffer on the spot so tests cannot leak.
 */
final class LinkClient implements AutoCloseable {

    /** One server message: its type byte and the part tests look at. */
    record Reply(char type, String text) {
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Channel channel;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();

    private LinkClient(Channel channel) {
        this.channel = channel;
    }

    static LinkClient takeOver(UpstreamLink link) throws Exception {
        LinkClient client = new LinkClient(link.channel());
        link.channel().eventLoop().submit(() -> {
            link.pendingMessages().forEach(client::receive);
            link.channel().pipeline().addAfter(PostgresUpstreamConnector.DECODER, "test-relay",
                    new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            client.receive(msg);
                        }
                    });
            link.channel().config().setAutoRead(true);
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    private void receive(Object message) {
        try {
            replies.add(summarise(message));
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private static Reply summarise(Object message) {
        return switch (message) {
            case DataRow row -> new Reply(DataRow.TYPE, row.isNull(0) ? null
                    : new String(row.columnBytes(0), StandardCharsets.UTF_8));
            case CommandComplete complete -> new Reply(CommandComplete.TYPE, complete.tag());
            case ErrorResponse error -> new Reply(ErrorResponse.TYPE, error.sqlState());
            case ReadyForQuery ready -> new Reply(ReadyForQuery.TYPE, String.valueOf(ready.status()));
            case FramedMessage framed -> new Reply(framed.type(), "");
            default -> new Reply('?', message.toString());
        };
    }

    void send(String sql) {
        channel.writeAndFlush(PostgresMessages.query(channel.alloc(), sql));
    }

    /** Every reply up to and including the next ReadyForQuery. */
    List<Reply> untilReady() throws InterruptedException {
        List<Reply> received = new ArrayList<>();
        Reply reply;
        do {
            reply = next(WAIT);
            received.add(reply);
        } while (reply.type() != ReadyForQuery.TYPE);
        return received;
    }

    Reply next(Duration wait) throws InterruptedException {
        Reply reply = replies.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(reply).as("a reply from the server within %s", wait).isNotNull();
        return reply;
    }

    @Override
    public void close() throws InterruptedException {
        if (channel.isActive()) {
            channel.writeAndFlush(PostgresMessages.terminate(channel.alloc()));
        }
        channel.close().await(WAIT.toMillis());
    }
}
