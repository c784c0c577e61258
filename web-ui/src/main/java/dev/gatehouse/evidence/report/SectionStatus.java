package dev.gatehouse.evidence.report;

/** How a control section reads at a glance. */
public enum SectionStatus {
    /** Exercised in the period, with evidence, and no exception. */
    EFFECTIVE,
    /**
     * The control's design is shown, but nothing happened in the period that exercised it: zero
     * activity is never read as effective.
     */
    NOT_EXERCISED,
    /** Evidence found, with exceptions the section lists. */
    EXCEPTIONS,
    /** The feature that would produce evidence is not present or produced none; the section says why. */
    NO_EVIDENCE,
    /** The auditor left the control out of the pack's scope. */
    NOT_IN_SCOPE
}
