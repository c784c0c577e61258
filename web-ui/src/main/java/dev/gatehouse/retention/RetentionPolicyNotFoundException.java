package dev.gatehouse.retention;

/** The connection has no policy of its own (the default applies to it). */
public class RetentionPolicyNotFoundException extends RuntimeException {

    public RetentionPolicyNotFoundException(String connection) {
        super("the connection '" + connection + "' has no retention policy of its own; the default applies");
    }
}
