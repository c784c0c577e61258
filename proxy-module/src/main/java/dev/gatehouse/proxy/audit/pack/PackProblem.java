package dev.gatehouse.proxy.audit.pack;

/**
 * One thing wrong with a pack.
 *
 * @param path     the file concerned (the pack's own name when the whole pack is unreadable)
 * @param sentence what is wrong, for the examiner, in one sentence
 */
public record PackProblem(String path, Kind kind, String sentence) {

    public enum Kind {
        /** The zip cannot be opened: damaged or cut short. */
        UNREADABLE_PACK,
        /** MANIFEST.json or MANIFEST.sig cannot be read as what it should be. */
        UNREADABLE_MANIFEST,
        /** The manifest is signed by a key the examiner does not hold. */
        UNKNOWN_KEY,
        /** No trusted key verifies the signature: the manifest or the signature was changed, or another key signed. */
        BAD_SIGNATURE,
        /** Signed by a key after it was retired. */
        SIGNED_AFTER_RETIREMENT,
        /** Listed in the manifest but not in the pack. */
        MISSING_FILE,
        /** Its SHA-256 or size differs from the manifest's, or its bytes cannot be read back. */
        ALTERED_FILE,
        /** In the pack but not listed in the manifest. */
        EXTRA_FILE,
        /** The zip holds two entries with the same path. */
        DUPLICATE_FILE,
        /** The audit-chain bundle in the pack does not verify. */
        BROKEN_CHAIN
    }
}
