package dev.gatehouse.proxy.masking;

/**
 * A value the masker cannot turn into a safe value of its type. The data path fails the statement
 * with the message (which never contains the value) and records it.
 */
public final class UnmaskableValueException extends Exception {

    public UnmaskableValueException(String message) {
        super(message);
    }
}
