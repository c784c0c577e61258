package dev.gatehouse.workflow.chain;

/** A chain definition that cannot be run as written; the message names the offending step or field. */
public class MalformedChainException extends IllegalArgumentException {

    public MalformedChainException(String message) {
        super(message);
    }

    public MalformedChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
