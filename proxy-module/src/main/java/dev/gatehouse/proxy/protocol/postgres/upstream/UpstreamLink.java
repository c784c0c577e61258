package dev.gatehouse.proxy.protocol.postgres.upstream;

import dev.gatehouse.proxy.protocol.postgres.message.BackendMessage;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An authenticated upstream session, ready for queries, handed over to whoever relays it.
 *
 * <p>State at hand-over: {@code channel}'s pipeline holds only {@code [SslHandler] ->
 * PostgresBackendDecoder} (named {@link PostgresUpstreamConnector#TLS_HANDLER} and
 * {@link PostgresUpstreamConnector#DECODER}), autoRead is off and no read is pending, so nothing is
 * decoded until the new owner adds its handler after the decoder and turns autoRead on (or calls
 * {@code read()}). Bytes the server sent after ReadyForQuery in the same read were already decoded;
 * they are in {@code pendingMessages}, in order, and must be handled (or released) before anything
 * read later.
 *
 * @param parameterStatus every ParameterStatus of the startup, name to value, in arrival order
 * @param processId the server process id from BackendKeyData (0 if the server sent none)
 * @param secretKey the cancel key from BackendKeyData (0 if the server sent none); redacted in
 *     {@link #toString()}
 * @param tls whether the hop to the target is encrypted
 * @param pendingMessages messages decoded after ReadyForQuery; the new owner owns their buffers
 */
public record UpstreamLink(
        Channel channel,
        Map<String, String> parameterStatus,
        int processId,
        int secretKey,
        boolean tls,
        List<BackendMessage> pendingMessages) {

    public UpstreamLink {
        Objects.requireNonNull(channel, "channel");
        parameterStatus = Collections.unmodifiableMap(new LinkedHashMap<>(parameterStatus));
        pendingMessages = List.copyOf(pendingMessages);
    }

    /** Closes the session without relaying it and releases what is pending; call at most once. */
    public void close() {
        pendingMessages.forEach(ReferenceCountUtil::release);
        channel.close();
    }

    @Override
    public String toString() {
        return "UpstreamLink[channel=" + channel + ", processId=" + processId + ", secretKey=<redacted>, tls=" + tls
                + ", parameters=" + parameterStatus.size() + ", pending=" + pendingMessages.size() + "]";
    }
}
