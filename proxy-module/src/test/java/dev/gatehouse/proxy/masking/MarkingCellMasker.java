package dev.gatehouse.proxy.masking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A stand-in for the masking engine in tests of the wire: column rules turn text into
 * {@code MASKED} and a binary int4 into 0; the one content "detector" finds {@code 123-45-6789}
 * and replaces it with {@code ***-**-6789}. Lets planning and rewriting be tested without
 * depending on the engine's exact output.
 */
public final class MarkingCellMasker implements CellMasker {

    public static final String SECRET = "123-45-6789";
    public static final String SECRET_MASKED = "***-**-6789";
    private static final Set<Integer> TEXTUAL = Set.of(25, 1043, 1042, 19, 114, 3802);

    private final MaskingRule contentRule;

    /** @param contentRule the rule findings are attributed to, or null for no content rule */
    public MarkingCellMasker(MaskingRule contentRule) {
        this.contentRule = contentRule;
    }

    @Override
    public byte[] mask(MaskMethod method, int typeOid, boolean binary, byte[] value) throws UnmaskableValueException {
        if (method instanceof MaskMethod.Tokenize) {
            throw new UnmaskableValueException("tokenization key is missing");
        }
        if (method instanceof MaskMethod.Nullify) {
            return null;
        }
        if (binary && typeOid == 23) {
            return ByteBuffer.allocate(4).putInt(0).array();
        }
        if (binary && !TEXTUAL.contains(typeOid)) {
            throw new UnmaskableValueException("binary values of type " + typeOid + " cannot be masked");
        }
        return "MASKED".getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public ContentScanner.Rewrite scan(byte[] utf8, int offset, int length) {
        String text = new String(utf8, offset, length, StandardCharsets.UTF_8);
        if (contentRule == null || !text.contains(SECRET)) {
            return null;
        }
        int findings = text.split(SECRET, -1).length - 1;
        return new ContentScanner.Rewrite(text.replace(SECRET, SECRET_MASKED).getBytes(StandardCharsets.UTF_8),
                List.of(new ContentScanner.Fired(contentRule, findings)));
    }

    @Override
    public ContentScanner.Rewrite scanValue(int typeOid, boolean binary, byte[] value) {
        return textual(typeOid) ? scan(value, 0, value.length) : null;
    }

    @Override
    public boolean scans() {
        return contentRule != null;
    }

    @Override
    public boolean textual(int typeOid) {
        return TEXTUAL.contains(typeOid);
    }
}
