package dev.gatehouse.audit;

/**
 * An admin action refused because no single person may do it alone (issue 17): granting oneself an
 * unmask exemption or access, or giving an agent a person's powers. Already recorded through
 * {@link RefusalAudit} when thrown; the API answers 403 with the code and the sentence.
 */
public class RefusedActionException extends RuntimeException {

    private final String code;

    public RefusedActionException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
