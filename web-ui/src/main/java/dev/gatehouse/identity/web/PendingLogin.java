package dev.gatehouse.identity.web;

import java.io.Serializable;

/** One authorization request in flight: the values the callback must see again (CSRF state, nonce, PKCE verifier). */
record PendingLogin(String state, String nonce, String codeVerifier, String returnTo, long createdAtMillis) implements Serializable {

    @Override
    public String toString() {
        return "PendingLogin[returnTo=" + returnTo + "]";
    }
}
