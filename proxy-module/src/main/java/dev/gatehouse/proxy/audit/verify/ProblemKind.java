package dev.gatehouse.proxy.audit.verify;

/** What kind of tampering the first problem found looks like (docs/audit-chain.md, "Verifying offline"). */
public enum ProblemKind {
    /** A row's fields or details no longer give its stored hashes, or a row was inserted. */
    MODIFIED_ROW,
    /** A statement's recorded text or parameters no longer give the hashes its event holds. */
    MODIFIED_PAYLOAD,
    /** A seq is missing, or rows were deleted and the later ones renumbered. */
    DELETED_ROW,
    /** Rows are intact but sit at seqs other than the ones they were written with. */
    REORDERED,
    /** The chain ends before a signed checkpoint (or a bundle's manifest) says it reached. */
    TRUNCATED_TAIL,
    /** A checkpoint is not validly signed by a trusted key, its link to the previous one is broken, or it disagrees with the anchor. */
    FORGED_CHECKPOINT
}
