package dev.gatehouse.proxy.protocol.postgres.results;

import dev.gatehouse.proxy.masking.CellRewriter;
import dev.gatehouse.proxy.masking.ColumnPlan;
import dev.gatehouse.proxy.masking.MaskingTally;
import dev.gatehouse.proxy.masking.ResultPlan;
import dev.gatehouse.proxy.masking.UnmaskableValueException;
import dev.gatehouse.proxy.protocol.postgres.message.DataRow;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;

/**
 * Rewrites one DataRow by its result's plan. A row in which nothing changes is not copied: the
 * caller forwards the original frame. Otherwise a new frame is built from the original's
 * untouched column bytes and the masked values, with every length recomputed.
 */
public final class DataRowRewriter {

    private final CellRewriter cells;
    private int[] offsets = new int[16];

    public DataRowRewriter(CellRewriter cells) {
        this.cells = cells;
    }

    /**
     * @return the rewritten frame (the caller owns it and releases the original), or null when the
     *         row stays as it is
     * @throws UnmaskableValueException when a value cannot be masked, or the row does not have the
     *         columns its description announced
     */
    public ByteBuf rewrite(DataRow row, ResultPlan plan, MaskingTally tally, ByteBufAllocator alloc) throws UnmaskableValueException {
        if (row.columnCount() != plan.columnCount()) {
            throw new UnmaskableValueException("a row has " + row.columnCount() + " columns, its description "
                    + plan.columnCount());
        }
        ColumnPlan[] touched = plan.touched();
        // One copy of the frame, then plain array reads: per-column reads of a pooled direct buffer
        // each pay a reference-count check and a buffer duplicate, which showed in profiles.
        byte[] frame = new byte[row.raw().readableBytes()];
        row.raw().getBytes(row.raw().readerIndex(), frame);
        int[] at = locate(frame, row.columnCount());
        byte[][] replaced = null;
        for (int t = 0; t < touched.length; t++) {
            int offset = at[touched[t].index()];
            int length = intAt(frame, offset);
            if (length < 0) {
                continue; // NULL reveals nothing
            }
            byte[] value = Arrays.copyOfRange(frame, offset + 4, offset + 4 + length);
            byte[] masked = cells.rewrite(touched[t], value, tally);
            if (touched[t].rule() != null) {
                plan.ruleHit(t);
            }
            if (masked != CellRewriter.KEEP) {
                if (replaced == null) {
                    replaced = new byte[touched.length][];
                }
                replaced[t] = masked == null ? NULL_MARK : masked;
            }
        }
        return replaced == null ? null : build(frame, row.columnCount(), at, touched, replaced, alloc);
    }

    /**
     * The offset of each column's length field in the frame, in an array reused from row to row (the
     * rewriter belongs to one session, on one event loop). The decoder checked the lengths fit.
     */
    private int[] locate(byte[] frame, int columns) {
        if (offsets.length < columns) {
            offsets = new int[columns];
        }
        int at = 7; // type byte, frame length, column count
        for (int column = 0; column < columns; column++) {
            offsets[column] = at;
            at += 4 + Math.max(intAt(frame, at), 0);
        }
        return offsets;
    }

    private static int intAt(byte[] frame, int at) {
        return (frame[at] & 0xff) << 24 | (frame[at + 1] & 0xff) << 16 | (frame[at + 2] & 0xff) << 8 | frame[at + 3] & 0xff;
    }

    /** Stands for SQL NULL among the replacements (a null entry means "unchanged"). */
    private static final byte[] NULL_MARK = new byte[0];

    private static ByteBuf build(byte[] frame, int columns, int[] at, ColumnPlan[] touched, byte[][] replaced, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(frame.length + 64);
        out.writeByte(DataRow.TYPE);
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        out.writeShort(columns);
        int t = 0;
        for (int column = 0; column < columns; column++) {
            int next = column + 1 < columns ? at[column + 1] : frame.length;
            byte[] replacement = null;
            if (t < touched.length && touched[t].index() == column) {
                replacement = replaced[t];
                t++;
            }
            if (replacement == null) {
                out.writeBytes(frame, at[column], next - at[column]);
            } else if (replacement == NULL_MARK) {
                out.writeInt(-1);
            } else {
                out.writeInt(replacement.length);
                out.writeBytes(replacement);
            }
        }
        out.setInt(lengthAt, out.writerIndex() - lengthAt);
        return out;
    }
}
