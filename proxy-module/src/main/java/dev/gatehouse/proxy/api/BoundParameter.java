package dev.gatehouse.proxy.api;

/**
 * One bind parameter of an extended-protocol execution, as recorded. Text-format values are kept as
 * text; binary values are described by their length only (their meaning depends on the type and
 * they may be large).
 *
 * @param index    1-based, as in {@code $1}
 * @param typeOid  the type the client declared in Parse, 0 when it let the server infer it
 * @param binary   whether the client sent the value in binary format
 * @param value    the text value; null for SQL NULL and for binary values
 * @param length   the value's length in bytes, -1 for SQL NULL
 */
public record BoundParameter(int index, int typeOid, boolean binary, String value, int length) {

    public boolean isNull() {
        return length < 0;
    }
}
