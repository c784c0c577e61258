package dev.gatehouse.proxy.protocol.mysql.message;

import io.netty.buffer.ByteBuf;

/**
 * COM_STMT_EXECUTE: run a prepared statement. Its parameter block (null bitmap, new-params-bound
 * flag, types, values) can only be read with the statement's parameter count from its prepare OK;
 * {@link #parameterBlock()} is that part of the payload, valid while the message is alive.
 *
 * @param flags cursor type: 0 none, 1 read-only cursor (fetched with COM_STMT_FETCH)
 */
public record ComStmtExecute(long statementId, int flags, long iterations, ByteBuf raw) implements MySqlMessage {

    /** Bytes after command, statement id, flags and iteration count (in a single-packet message). */
    public ByteBuf parameterBlock() {
        return raw.slice(raw.readerIndex() + 4 + 10, raw.readableBytes() - 4 - 10);
    }

    public boolean opensCursor() {
        return (flags & 0x0f) != 0;
    }
}
