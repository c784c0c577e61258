package dev.gatehouse.proxy.masking;

import java.util.Arrays;

/**
 * Masks one value of a planned column: by the column's rule, or by the content detectors. Counts
 * what it masked into a tally; never keeps a value.
 */
public final class CellRewriter {

    /** Returned when the value stays as it is (compare by identity). */
    public static final byte[] KEEP = new byte[0];

    private static final int JSONB = 3802;

    private final CellMasker cells;

    public CellRewriter(CellMasker cells) {
        this.cells = cells;
    }

    public CellMasker cells() {
        return cells;
    }

    /**
     * @param value the encoded value, never SQL NULL
     * @param tally where content findings are counted; a column rule's masked values are counted by
     *              the caller ({@link ResultPlan#ruleHit})
     * @return {@link #KEEP}, the masked encoding, or null for SQL NULL
     */
    public byte[] rewrite(ColumnPlan plan, byte[] value, MaskingTally tally) throws UnmaskableValueException {
        if (plan.rule() != null) {
            return cells.mask(plan.rule().method(), plan.typeOid(), plan.binary(), value);
        }
        // jsonb's binary form is a version byte and the JSON text: scan the text, keep the byte.
        int skip = plan.binary() && plan.typeOid() == JSONB && value.length > 0 ? 1 : 0;
        byte[] text = scanText(value, skip, plan.label(), tally);
        if (text == null) {
            return KEEP;
        }
        if (skip == 0) {
            return text;
        }
        byte[] withHeader = Arrays.copyOf(value, 1 + text.length);
        System.arraycopy(text, 0, withHeader, 1, text.length);
        return withHeader;
    }

    /** Content detectors over UTF-8 text; null when nothing was found. */
    public byte[] scanText(byte[] utf8, int offset, String label, MaskingTally tally) throws UnmaskableValueException {
        ContentScanner.Rewrite rewrite = cells.scan(utf8, offset, utf8.length - offset);
        if (rewrite == null) {
            return null;
        }
        for (ContentScanner.Fired fired : rewrite.fired()) {
            tally.add(fired.rule(), label, fired.findings());
        }
        return rewrite.utf8();
    }
}
