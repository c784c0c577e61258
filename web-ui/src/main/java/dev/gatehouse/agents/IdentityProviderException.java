package dev.gatehouse.agents;

/** Keycloak refused or failed an admin call; the API answers 502 rather than echoing Keycloak's status. */
public class IdentityProviderException extends RuntimeException {

    public IdentityProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
