package dev.gatehouse.masking;

/** The target database could not be read (unreachable, login refused, timeout); the message is advice, never a secret. */
public class TargetUnavailableException extends RuntimeException {

    public TargetUnavailableException(String message) {
        super(message);
    }
}
