package dev.gatehouse.assembly;

/** The command line of one of the assembly tools is wrong; the message says what to fix. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
