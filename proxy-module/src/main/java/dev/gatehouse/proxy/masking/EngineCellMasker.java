package dev.gatehouse.proxy.masking;

import java.util.List;

/** The masking engine's {@link ValueMasker} and {@link ContentScanner} behind one session's policy. */
public final class EngineCellMasker implements CellMasker {

    private final ValueMasker values;
    private final ContentScanner content;

    public EngineCellMasker(MaskingPolicy policy) {
        this.values = new ValueMasker(policy.tokenKeys());
        List<MaskingRule> contentRules = policy.rules().stream().filter(rule -> rule.target() instanceof MaskTarget.Content).toList();
        this.content = new ContentScanner(contentRules, values);
    }

    @Override
    public byte[] mask(MaskMethod method, int typeOid, boolean binary, byte[] value) throws UnmaskableValueException {
        return values.mask(method, typeOid, binary, value);
    }

    @Override
    public ContentScanner.Rewrite scan(byte[] utf8, int offset, int length) throws UnmaskableValueException {
        return content.scan(utf8, offset, length);
    }

    @Override
    public ContentScanner.Rewrite scanValue(int typeOid, boolean binary, byte[] value) throws UnmaskableValueException {
        return content.scanValue(typeOid, binary, value);
    }

    @Override
    public boolean scans() {
        return content.active();
    }

    @Override
    public boolean textual(int typeOid) {
        return ContentScanner.scans(typeOid);
    }
}
