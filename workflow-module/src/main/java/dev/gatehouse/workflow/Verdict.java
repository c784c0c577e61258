package dev.gatehouse.workflow;

/** An approver's answer to one decision task. */
public enum Verdict {
    APPROVE,
    REJECT
}
