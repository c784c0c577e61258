package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;

/** ReadyForQuery ('Z'): status 'I' idle, 'T' in a transaction block, 'E' in a failed transaction. */
public record ReadyForQuery(ByteBuf raw, char status) implements FramedMessage, BackendMessage {

    public static final char TYPE = 'Z';
    public static final char IDLE = 'I';
    public static final char IN_TRANSACTION = 'T';
    public static final char FAILED_TRANSACTION = 'E';
}
