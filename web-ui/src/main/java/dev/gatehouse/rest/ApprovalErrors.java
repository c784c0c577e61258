package dev.gatehouse.rest;

import dev.gatehouse.workflow.ApprovalException;

/** The HTTP status of each refusal of the approval workflow; the body's code is the reason's name. */
final class ApprovalErrors {

    private ApprovalErrors() {
    }

    static int status(ApprovalException.Reason reason) {
        return switch (reason) {
            case NO_SUCH_REQUEST -> 404;
            case NOT_A_CANDIDATE, SEPARATION_OF_DUTIES, SERVICE_ACCOUNT -> 403;
            case REQUEST_FINISHED, CLAIMED_BY_SOMEONE_ELSE, NOTHING_CLAIMED, DISPLAY_DIFFERS -> 409;
            case COMMENT_REQUIRED, MALFORMED_CHAIN -> 400;
        };
    }
}
