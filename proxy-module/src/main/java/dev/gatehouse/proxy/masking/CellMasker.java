package dev.gatehouse.proxy.masking;

/**
 * The value-level masking the data path calls: one rule's method on one value, and the content
 * detectors on one text. {@link EngineCellMasker} is the real one; tests of the wire can stand in
 * a trivial one.
 */
public interface CellMasker {

    /** @see ValueMasker#mask */
    byte[] mask(MaskMethod method, int typeOid, boolean binary, byte[] value) throws UnmaskableValueException;

    /** @see ContentScanner#scan */
    ContentScanner.Rewrite scan(byte[] utf8, int offset, int length) throws UnmaskableValueException;

    /** @see ContentScanner#scanValue */
    ContentScanner.Rewrite scanValue(int typeOid, boolean binary, byte[] value) throws UnmaskableValueException;

    /** Whether any content rule is in force. */
    boolean scans();

    /** Whether the detectors can read values of this type (text types, and arrays of them). */
    boolean textual(int typeOid);
}
