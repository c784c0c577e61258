package dev.gatehouse.proxy.masking;

import java.util.List;

/**
 * Finds what content detectors recognise inside text and masks each finding in place, leaving the
 * rest of the text as it was (so JSON from {@code row_to_json} stays JSON). Thread-safe.
 */
public final class ContentScanner {

    /** @param contentRules the policy's rules whose target is {@link MaskTarget.Content}, in policy order */
    public ContentScanner(List<MaskingRule> contentRules, ValueMasker masker) {
        throw new UnsupportedOperationException("contract only: implemented on the masking-engine branch");
    }

    /** Whether there is any content rule at all; when not, text is never scanned. */
    public boolean active() {
        throw new UnsupportedOperationException("contract only");
    }

    /**
     * @param utf8 text in UTF-8 (a text-format value, or a binary value of a textual type without its
     *             header, e.g. jsonb's version byte)
     * @return null when no detector found anything (the caller forwards the original bytes), else the
     *         rewritten text and which rules fired how often
     * @throws UnmaskableValueException when a finding cannot be masked (e.g. the rule's key is missing)
     */
    public Rewrite scan(byte[] utf8, int offset, int length) throws UnmaskableValueException {
        throw new UnsupportedOperationException("contract only");
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
