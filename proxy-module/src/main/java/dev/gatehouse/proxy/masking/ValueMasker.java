package dev.gatehouse.proxy.masking;

import java.util.Map;

/**
 * Masks one column value by one method, keeping it a valid value of the column's type in the
 * format it travels in (PostgreSQL text or binary encoding). Thread-safe; holds the session's
 * tokenization keys.
 */
public final class ValueMasker {

    public ValueMasker(Map<String, byte[]> tokenKeys) {
        throw new UnsupportedOperationException("contract only: implemented on the masking-engine branch");
    }

    /**
     * @param typeOid the column's type OID from {@code RowDescription}
     * @param binary  whether the value is in binary format (else text)
     * @param value   the encoded value; never SQL NULL (NULLs need no masking)
     * @return the masked value in the same type and format, or {@code null} for SQL NULL
     * @throws UnmaskableValueException when the type has no safe masked value for this method, the
     *         value cannot be decoded, or the method's key is missing: the statement must fail
     */
    public byte[] mask(MaskMethod method, int typeOid, boolean binary, byte[] value) throws UnmaskableValueException {
        throw new UnsupportedOperationException("contract only");
    }

    /** Whether values of this type are text the content detectors can read (text, varchar, bpchar, name, json, jsonb, xml, unknown ...). */
    public static boolean textual(int typeOid) {
        throw new UnsupportedOperationException("contract only");
    }
}
