package dev.gatehouse.platform;

/** The master key is missing, malformed or not the one the stored secrets were sealed with. */
public class MasterKeyException extends RuntimeException {

    public MasterKeyException(String message) {
        super(message);
    }

    public MasterKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
