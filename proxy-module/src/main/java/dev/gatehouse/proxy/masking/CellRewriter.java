package dev.gatehouse.proxy.masking;

/**
 * Masks one value of a planned column: by the column's rule, or by the content detectors. Counts
 * what it masked into a tally; never keeps a value.
 */
public final class CellRewriter {

    /** Returned when the value stays as it is (compare by identity). */
    public static final byte[] KEEP = new byte[0];

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
        byte[] structured = null;
        if (plan.fields() != null) {
            structured = plan.fields().apply(plan.typeOid(), plan.binary(), value);
            if (structured != null) {
                tally.add(plan.fields().rule(), plan.label(), 1);
                value = structured;
            }
        }
        if (!plan.scan()) {
            return structured != null ? structured : KEEP;
        }
        // The scanner knows each type's form: jsonb's version byte, JSON documents, text arrays.
        ContentScanner.Rewrite rewrite = cells.scanValue(plan.typeOid(), plan.binary(), value);
        if (rewrite == null) {
            return structured != null ? structured : KEEP;
        }
        for (ContentScanner.Fired fired : rewrite.fired()) {
            tally.add(fired.rule(), plan.label(), fired.findings());
        }
        return rewrite.utf8();
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
