package dev.gatehouse.identity;

import java.util.UUID;

/** No token with that id is visible to the caller. */
public class TokenNotFoundException extends RuntimeException {

    public TokenNotFoundException(UUID id) {
        super("no token with id " + id);
    }
}
