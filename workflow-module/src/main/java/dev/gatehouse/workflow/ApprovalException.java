package dev.gatehouse.workflow;

/** A claim, decision or request the workflow refused. Nothing was changed. */
public class ApprovalException extends RuntimeException {

    public enum Reason {
        NO_SUCH_REQUEST,
        REQUEST_FINISHED,
        NOT_A_CANDIDATE,
        SEPARATION_OF_DUTIES,
        /** An agent (service account) tried to claim or decide: people approve, machines don't (issue 17). */
        SERVICE_ACCOUNT,
        CLAIMED_BY_SOMEONE_ELSE,
        NOTHING_CLAIMED,
        COMMENT_REQUIRED,
        MALFORMED_CHAIN,
        /** A command review whose statement the parser reads differently from how approvers see it (docs/adr/0017). */
        DISPLAY_DIFFERS
    }

    private final Reason reason;

    public ApprovalException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ApprovalException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
