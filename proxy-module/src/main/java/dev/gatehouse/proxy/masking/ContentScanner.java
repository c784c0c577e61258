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
        List<Fired> firedRules = new ArrayList<>();
        for (int k = 0; k < rules.length; k++) {
            if (fired[k] > 0) {
                firedRules.add(new Fired(rules[k], fired[k]));
            }
        }
        return new Rewrite(out.toArray(), firedRules);
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
