package dev.gatehouse.proxy.masking;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * PostgreSQL's binary array format: int32 ndim, int32 has-nulls flag, int32 element OID, ndim ×
 * (int32 size, int32 lower bound), then each element as int32 length (-1 for NULL) and its bytes.
 * Rewriting keeps the shape and recomputes lengths and the has-nulls flag.
 */
final class BinaryArrays {

    /** A new element for an old one; null in and out means SQL NULL. */
    interface ElementRewrite {
        byte[] apply(byte[] element) throws UnmaskableValueException;
    }

    private static final int MAX_DIMENSIONS = 6;

    private BinaryArrays() {
    }

    /**
     * @return the rewritten array, or {@code value} itself when no element changed
     * @throws IllegalArgumentException when the bytes are not an array of {@code elementOid}
     */
    static byte[] rewrite(byte[] value, int elementOid, ElementRewrite rewrite) throws UnmaskableValueException {
        try {
            ByteBuffer in = ByteBuffer.wrap(value);
            int dimensions = in.getInt();
            in.getInt();
            if (in.getInt() != elementOid || dimensions < 0 || dimensions > MAX_DIMENSIONS) {
                throw new IllegalArgumentException("not an array of the expected element type");
            }
            long count = dimensions == 0 ? 0 : 1;
            int[] bounds = new int[2 * dimensions];
            for (int d = 0; d < dimensions; d++) {
                bounds[2 * d] = in.getInt();
                bounds[2 * d + 1] = in.getInt();
                count *= bounds[2 * d];
            }
            if (count < 0 || count > value.length) {
                throw new IllegalArgumentException("more elements than bytes");
            }
            byte[][] elements = new byte[(int) count][];
            boolean changed = false;
            boolean hasNull = false;
            for (int k = 0; k < count; k++) {
                int length = in.getInt();
                byte[] element = null;
                if (length >= 0) {
                    element = new byte[length];
                    in.get(element);
                }
                elements[k] = element == null ? null : rewrite.apply(element);
                changed |= elements[k] != element;
                hasNull |= elements[k] == null;
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("bytes after the last element");
            }
            return changed ? encode(dimensions, hasNull, elementOid, bounds, elements) : value;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated array", e);
        }
    }

    private static byte[] encode(int dimensions, boolean hasNull, int elementOid, int[] bounds, byte[][] elements) {
        Utf8Builder out = new Utf8Builder(64);
        out.int32(dimensions).int32(hasNull ? 1 : 0).int32(elementOid);
        for (int bound : bounds) {
            out.int32(bound);
        }
        for (byte[] element : elements) {
            if (element == null) {
                out.int32(-1);
            } else {
                out.int32(element.length).append(element);
            }
        }
        return out.toArray();
    }
}
