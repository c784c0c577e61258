package dev.gatehouse.identity.web;

import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/**
 * What a browser session remembers after an OIDC login. The ID token is kept only as the logout
 * hint Keycloak asks for; the access token is not kept at all.
 */
record SessionLogin(String subject, String username, String clientId, IdentityKind kind, Set<String> roles, Set<String> groups,
        String tokenId, Instant authTime, Instant loggedInAt, String idTokenHint) implements Serializable {

    static final String ATTRIBUTE = "dev.gatehouse.login";

    static SessionLogin of(Identity identity, String idToken) {
        return new SessionLogin(identity.subject(), identity.username(), identity.clientId(), identity.kind(), Set.copyOf(identity.roles()),
                Set.copyOf(identity.groups()), identity.tokenId(), identity.authTime(), Instant.now(), idToken);
    }

    static SessionLogin from(HttpSession session) {
        return session == null ? null : (SessionLogin) session.getAttribute(ATTRIBUTE);
    }

    Identity identity() {
        return new Identity(subject, username, clientId, kind, roles, groups, tokenId, authTime, null, "oidc-session");
    }

    @Override
    public String toString() {
        return "SessionLogin[" + username + ", roles=" + roles + "]";
    }
}
