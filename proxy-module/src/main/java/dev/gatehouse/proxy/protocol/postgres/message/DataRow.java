package dev.gatehouse.proxy.protocol.postgres.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * DataRow ('D'). Rows are the bulk of the traffic and are usually forwarded untouched, so nothing
 * is copied at decode time: column values are located lazily in {@link #raw()} on first access.
 * The decoder has already checked that the column lengths fit the frame, so accessors cannot read
 * past it. Accessors are valid only while this message is unreleased.
 */
public final class DataRow implements FramedMessage, BackendMessage {

    public static final char TYPE = 'D';
    /** Offset of the column count inside the frame: type byte + int32 length. */
    private static final int COUNT_OFFSET = 5;

    private final ByteBuf raw;
    private final int columnCount;
    /** Start offset (relative to raw's reader index) of each column's int32 length; built lazily. */
    private int[] offsets;

    public DataRow(ByteBuf raw) {
        this.raw = raw;
        this.columnCount = raw.getUnsignedShort(raw.readerIndex() + COUNT_OFFSET);
    }

    @Override
    public ByteBuf raw() {
        return raw;
    }

    public int columnCount() {
        return columnCount;
    }

    public boolean isNull(int column) {
        return raw.getInt(raw.readerIndex() + offset(column)) < 0;
    }

    /** A slice of the column's value, or {@code null} for SQL NULL. */
    public ByteBuf column(int column) {
        int at = raw.readerIndex() + offset(column);
        int length = raw.getInt(at);
        return length < 0 ? null : raw.slice(at + 4, length);
    }

    /** A copy of the column's value, or {@code null} for SQL NULL. */
    public byte[] columnBytes(int column) {
        ByteBuf value = column(column);
        return value == null ? null : ByteBufUtil.getBytes(value);
    }

    private int offset(int column) {
        if (column < 0 || column >= columnCount) {
            throw new IndexOutOfBoundsException("column " + column + " of " + columnCount);
        }
        if (offsets == null) {
            int[] found = new int[columnCount];
            int at = COUNT_OFFSET + 2;
            for (int i = 0; i < columnCount; i++) {
                found[i] = at;
                int length = raw.getInt(raw.readerIndex() + at);
                at += 4 + Math.max(length, 0);
            }
            offsets = found;
        }
        return offsets[column];
    }

    @Override
    public String toString() {
        return "DataRow[columns=" + columnCount + ", bytes=" + (raw.refCnt() > 0 ? raw.readableBytes() : -1) + "]";
    }
}
