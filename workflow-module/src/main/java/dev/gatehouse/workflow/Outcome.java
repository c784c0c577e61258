package dev.gatehouse.workflow;

/** How a request ended. */
public enum Outcome {
    APPROVED,
    REJECTED,
    /** Nobody completed the chain before it expired: treated as a rejection. */
    EXPIRED
}
