package dev.gatehouse.proxy.masking;

/** How values of one PostgreSQL type are masked, in its text and binary wire formats. */
interface TypeMasking {

    /**
     * @param method never {@link MaskMethod.Nullify} (the caller answers NULL for every type)
     * @return the masked value in the same format, or null for SQL NULL where the type has no safe value
     */
    byte[] mask(MaskMethod method, boolean binary, byte[] value, Tokens tokens) throws UnmaskableValueException;

    /** The short type name used in messages (never the value). */
    String typeName();

    static UnmaskableValueException undecodable(String typeName, boolean binary) {
        return new UnmaskableValueException("a " + typeName + " value in " + (binary ? "binary" : "text")
                + " format could not be decoded, so it cannot be masked");
    }
}
