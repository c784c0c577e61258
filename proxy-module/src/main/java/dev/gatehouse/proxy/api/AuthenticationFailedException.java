package dev.gatehouse.proxy.api;

/**
 * A credential was refused. The message is safe to show to the client: it names the reason class
 * (expired, wrong audience, bad signature …) and never echoes the credential.
 */
public class AuthenticationFailedException extends RuntimeException {

    private final String code;

    public AuthenticationFailedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public AuthenticationFailedException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable machine code: {@code missing_token}, {@code malformed_token}, {@code expired}, {@code invalid_signature}, … */
    public String code() {
        return code;
    }
}
