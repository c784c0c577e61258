package dev.gatehouse.workflow;

/**
 * The variable names the BPMN models and the Java code share. A model that renames one of
 * these breaks its process tests, which is the point of keeping them in one place.
 */
public final class ProcessVariables {

    // Set when a request starts.
    public static final String REQUESTER = "requester";
    public static final String CONNECTION = "connection";
    public static final String REASON = "reason";
    public static final String RULE = "rule";
    public static final String STATEMENT = "statement";
    /**
     * A command review's bound values as approvers see them ($1 first), packed by {@link #packParameters}
     * (a value may hold newlines); absent when it has none.
     */
    public static final String PARAMETERS = "parameters";

    /** Each value as its length in chars, a colon, and the value: unambiguous whatever the values hold. */
    public static String packParameters(java.util.List<String> values) {
        StringBuilder packed = new StringBuilder();
        for (String value : values) {
            packed.append(value.length()).append(':').append(value);
        }
        return packed.toString();
    }

    /** The values {@link #packParameters} packed; a malformed text yields what could be read, then the rest as one value. */
    public static java.util.List<String> unpackParameters(String packed) {
        java.util.List<String> values = new java.util.ArrayList<>();
        int at = 0;
        while (packed != null && at < packed.length()) {
            int colon = packed.indexOf(':', at);
            int length;
            try {
                length = colon < 0 ? -1 : Integer.parseInt(packed.substring(at, colon));
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0 || colon + 1 + length > packed.length()) {
                values.add(packed.substring(at));
                break;
            }
            values.add(packed.substring(colon + 1, colon + 1 + length));
            at = colon + 1 + length;
        }
        return values;
    }
    public static final String STATEMENT_HASH = "statementHash";
    public static final String MASKING_RULES = "maskingRules";
    /** ISO-8601 duration: the approval window, or how long access or unmasking lasts. */
    public static final String VALID_FOR = "validFor";
    /** The chain as JSON ({@link dev.gatehouse.workflow.chain.ApprovalChain#toJson()}). */
    public static final String APPROVAL_CHAIN = "approvalChain";
    public static final String CHAIN_STEP_COUNT = "chainStepCount";
    public static final String EXPIRES_AFTER = "expiresAfter";

    // Kept up to date while the request runs.
    public static final String REJECTED = "rejected";
    /** Everyone who has decided on this request so far, one per line (see {@link Deciders}). */
    public static final String DECIDERS = "deciders";

    // Local to one pass of the "Approval step" subprocess.
    public static final String STEP_NUMBER = "stepNumber";
    public static final String STEP_NAME = "stepName";
    public static final String CANDIDATE_GROUPS = "candidateGroups";
    public static final String QUORUM = "quorum";
    public static final String ESCALATE_AFTER = "escalateAfter";
    public static final String ESCALATION_ACTION = "escalationAction";
    public static final String ESCALATE_TO = "escalateTo";

    // Local to one decision task.
    public static final String DECISION = "decision";
    public static final String COMMENT = "comment";

    // The result.
    public static final String OUTCOME = "outcome";
    public static final String VALID_FROM = "validFrom";
    public static final String VALID_UNTIL = "validUntil";

    private ProcessVariables() {
    }
}
