package dev.gatehouse.proxy.masking;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds what content detectors recognise inside text and masks each finding in place, leaving the
 * rest of the text as it was (so JSON from {@code row_to_json} stays JSON). Thread-safe.
 *
 * <p>Every rule's detector runs over the whole text; overlapping findings merge and are masked once
 * by the earliest rule in policy order ({@link Findings}). A finding is masked by its rule's method
 * applied to the finding's text; Nullify cannot put a NULL inside text, so it writes
 * {@value TextMasks#NULLIFIED_FINDING}. A finding that stands where JSON expects a number (digits
 * between {@code : , [ {} and {@code , ] }}) is replaced by a quoted string unless its replacement is
 * all digits, so JSON stays valid.
 */
public final class ContentScanner {

    private final MaskingRule[] rules;
    private final Finder[] finders;
    private final ValueMasker masker;

    /** @param contentRules the policy's rules whose target is {@link MaskTarget.Content}, in policy order */
    public ContentScanner(List<MaskingRule> contentRules, ValueMasker masker) {
        this.rules = contentRules.stream().filter(r -> r.target() instanceof MaskTarget.Content).toArray(MaskingRule[]::new);
        this.finders = new Finder[rules.length];
        for (int k = 0; k < rules.length; k++) {
            finders[k] = Finder.of(((MaskTarget.Content) rules[k].target()).detector());
        }
        this.masker = masker;
    }

    /** Whether there is any content rule at all; when not, text is never scanned. */
    public boolean active() {
        return rules.length > 0;
    }

    /**
     * @param utf8 text in UTF-8 (a text-format value, or a binary value of a textual type without its
     *             header, e.g. jsonb's version byte)
     * @return null when no detector found anything (the caller forwards the original bytes), else the
     *         rewritten text and which rules fired how often
     * @throws UnmaskableValueException when a finding cannot be masked (e.g. the rule's key is missing)
     */
    public Rewrite scan(byte[] utf8, int offset, int length) throws UnmaskableValueException {
        return scan(utf8, offset, length, false);
    }

    /**
     * As {@link #scan(byte[], int, int)}; with {@code jsonDocument} the text is one JSON value, so a
     * finding that is the whole text (a bare JSON number) is also replaced by a quoted string.
     */
    public Rewrite scan(byte[] utf8, int offset, int length, boolean jsonDocument) throws UnmaskableValueException {
        if (rules.length == 0 || length == 0) {
            return null;
        }
        int to = offset + length;
        boolean hasDigit = Ascii.anyDigit(utf8, offset, to);
        boolean hasAt = indexOf(utf8, offset, to, (byte) '@') >= 0;
        Findings findings = null;
        for (int k = 0; k < rules.length; k++) {
            if (!finders[k].mayMatch(hasDigit, hasAt)) {
                continue;
            }
            if (findings == null) {
                findings = new Findings();
            }
            findings.forRule(k);
            finders[k].find(utf8, offset, to, findings);
        }
        if (findings == null || findings.isEmpty()) {
            return null;
        }
        return rewrite(utf8, offset, to, findings, jsonDocument);
    }

    /**
     * Scans one column value of the given type and format, as it travels: text types directly,
     * jsonb's binary form after its version byte (kept in the result), json and jsonb as JSON
     * documents, and arrays of text types (text format as one literal, binary element by element).
     *
     * @return null when nothing was found or the type holds no text ({@link #scans(int)} is false)
     */
    public Rewrite scanValue(int typeOid, boolean binary, byte[] value) throws UnmaskableValueException {
        if (rules.length == 0) {
            return null;
        }
        if (PgTypes.textual(typeOid)) {
            boolean json = typeOid == PgTypes.JSON || typeOid == PgTypes.JSONB;
            int header = binary && typeOid == PgTypes.JSONB ? 1 : 0;
            if (header == 1 && (value.length == 0 || value[0] != 1)) {
                throw TypeMasking.undecodable("jsonb", true);
            }
            Rewrite rewrite = scan(value, header, value.length - header, json);
            if (rewrite == null || header == 0) {
                return rewrite;
            }
            return new Rewrite(new Utf8Builder(rewrite.utf8().length + 1).append((byte) 1).append(rewrite.utf8()).toArray(),
                    rewrite.fired());
        }
        int element = PgTypes.arrayElement(typeOid);
        if (element == 0 || !PgTypes.textual(element)) {
            return null;
        }
        if (!binary) {
            return scan(value, 0, value.length, false);
        }
        return scanBinaryArray(element, value);
    }

    /** Whether {@link #scanValue} reads values of this type: text types and arrays of them. */
    public static boolean scans(int typeOid) {
        return PgTypes.textual(typeOid) || PgTypes.textual(PgTypes.arrayElement(typeOid));
    }

    private Rewrite scanBinaryArray(int elementOid, byte[] value) throws UnmaskableValueException {
        int[] fired = new int[rules.length];
        byte[] rewritten;
        try {
            rewritten = BinaryArrays.rewrite(value, elementOid, element -> {
                Rewrite rewrite = scanValue(elementOid, true, element);
                if (rewrite == null) {
                    return element;
                }
                for (Fired f : rewrite.fired()) {
                    fired[indexOf(f.rule())] += f.findings();
                }
                return rewrite.utf8();
            });
        } catch (IllegalArgumentException e) {
            throw TypeMasking.undecodable("array", true);
        }
        return rewritten == value ? null : new Rewrite(rewritten, fired(fired));
    }

    private int indexOf(MaskingRule rule) {
        for (int k = 0; k < rules.length; k++) {
            if (rules[k] == rule) {
                return k;
            }
        }
        throw new IllegalStateException("a rule of this scanner");
    }

    private List<Fired> fired(int[] counts) {
        List<Fired> fired = new ArrayList<>();
        for (int k = 0; k < rules.length; k++) {
            if (counts[k] > 0) {
                fired.add(new Fired(rules[k], counts[k]));
            }
        }
        return fired;
    }

    private Rewrite rewrite(byte[] utf8, int from, int to, Findings findings, boolean jsonDocument)
            throws UnmaskableValueException {
        int spans = findings.merge();
        int[] fired = new int[rules.length];
        Utf8Builder out = new Utf8Builder(to - from + 16 * spans);
        int copied = from;
        for (int k = 0; k < spans; k++) {
            int start = findings.start(k);
            int end = findings.end(k);
            MaskingRule rule = rules[findings.rule(k)];
            byte[] replacement = TextMasks.finding(rule.method(), utf8, start, end, masker.tokens());
            out.append(utf8, copied, start);
            boolean quote = JsonContext.numberPosition(utf8, from, to, start, end, jsonDocument)
                    && !allDigits(replacement);
            if (quote) {
                out.append((byte) '"');
            }
            out.append(replacement, 0, replacement.length);
            if (quote) {
                out.append((byte) '"');
            }
            copied = end;
            fired[findings.rule(k)]++;
        }
        out.append(utf8, copied, to);
        return new Rewrite(out.toArray(), fired(fired));
    }

    private static boolean allDigits(byte[] text) {
        for (byte b : text) {
            if (!Ascii.digit(b)) {
                return false;
            }
        }
        return text.length > 0;
    }

    private static int indexOf(byte[] text, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (text[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Text after masking, and per fired rule the number of findings masked. */
    public record Rewrite(byte[] utf8, List<Fired> fired) {
        public Rewrite {
            fired = List.copyOf(fired);
        }
    }

    public record Fired(MaskingRule rule, int findings) {
    }
}
