package dev.gatehouse.evidence.report;

/** How a control section reads at a glance. */
public enum SectionStatus {
    /** Evidence found and no exception. */
    EFFECTIVE,
    /** Evidence found, with exceptions the section lists. */
    EXCEPTIONS,
    /** The feature that would produce evidence is not present or produced none; the section says why. */
    NO_EVIDENCE,
    /** The auditor left the control out of the pack's scope. */
    NOT_IN_SCOPE
}
