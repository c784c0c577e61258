package dev.gatehouse.proxy.masking;

import java.util.Map;

/**
 * Masks one column value by one method, keeping it a valid value of the column's type in the
 * format it travels in (PostgreSQL text or binary encoding). Thread-safe; holds the session's
 * tokenization keys. What each type masks to is in docs/masking.md ("Masked values by type").
 */
public final class ValueMasker {

    private final Tokens tokens;

    public ValueMasker(Map<String, byte[]> tokenKeys) {
        this.tokens = new Tokens(tokenKeys);
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
        if (method instanceof MaskMethod.Nullify) {
            return null;
        }
        if (method instanceof MaskMethod.Tokenize tokenize && !tokens.hasKey(tokenize.keyId())) {
            throw new UnmaskableValueException("tokenization key '" + tokenize.keyId() + "' is not available");
        }
        TypeMasking masking = PgTypes.masking(typeOid);
        if (masking == null) {
            throw new UnmaskableValueException("values of type OID " + typeOid + " cannot be masked by "
                    + methodName(method) + "; only Nullify is safe for an unknown type");
        }
        return masking.mask(method, binary, value, tokens);
    }

    /** Whether values of this type are text the content detectors can read (text, varchar, bpchar, name, json, jsonb, xml, unknown ...). */
    public static boolean textual(int typeOid) {
        return PgTypes.textual(typeOid);
    }

    /**
     * Whether a column of this type can be masked by this method at all (Nullify always can), for
     * refusing a rule at save rather than failing its statements later.
     */
    public static boolean supports(int typeOid, MaskMethod method) {
        return method instanceof MaskMethod.Nullify || PgTypes.masking(typeOid) != null;
    }

    /** Whether this session holds the key a Tokenize method names (a missing key fails its statements). */
    public boolean hasKey(String keyId) {
        return tokens.hasKey(keyId);
    }

    Tokens tokens() {
        return tokens;
    }

    static String methodName(MaskMethod method) {
        return method.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return "ValueMasker";
    }
}
