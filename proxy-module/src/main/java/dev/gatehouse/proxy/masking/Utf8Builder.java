package dev.gatehouse.proxy.masking;

import java.util.Arrays;

/** A growable byte array for rewritten values (unsynchronised, unlike ByteArrayOutputStream). */
final class Utf8Builder {

    private byte[] bytes;
    private int length;

    Utf8Builder(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    Utf8Builder append(byte b) {
        ensure(1);
        bytes[length++] = b;
        return this;
    }

    Utf8Builder append(byte[] source, int from, int to) {
        int count = to - from;
        ensure(count);
        System.arraycopy(source, from, bytes, length, count);
        length += count;
        return this;
    }

    Utf8Builder append(byte[] source) {
        return append(source, 0, source.length);
    }

    /** ASCII text only (numbers, dates, hex): one byte per char. */
    Utf8Builder ascii(CharSequence text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
        return this;
    }

    Utf8Builder int16(int value) {
        ensure(2);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
        return this;
    }

    Utf8Builder int32(int value) {
        return int16(value >>> 16).int16(value);
    }

    Utf8Builder int64(long value) {
        return int32((int) (value >>> 32)).int32((int) value);
    }

    int length() {
        return length;
    }

    byte[] toArray() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
