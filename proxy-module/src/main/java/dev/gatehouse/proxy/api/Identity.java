package dev.gatehouse.proxy.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Who is acting, as established from a validated credential. Everything here comes from the IdP's
 * signed token (or from the Gatehouse token issued in exchange for one); nothing is user input.
 *
 * @param subject     the IdP's stable subject id
 * @param username    preferred username (for agents: Keycloak's {@code service-account-<client>})
 * @param clientId    the OAuth client the token was issued to ({@code azp})
 * @param kind        human or agent
 * @param roles       realm roles
 * @param groups      group paths, e.g. {@code /payments/dba}
 * @param tokenId     the token's {@code jti} (or the Gatehouse token id), for correlation in the audit trail
 * @param authTime    when the person or agent authenticated at the IdP
 * @param expiresAt   when the credential stops being valid
 * @param authMethod  how the credential was presented, e.g. {@code oidc-access-token} or {@code gatehouse-token}
 */
public record Identity(String subject, String username, String clientId, IdentityKind kind, Set<String> roles,
        Set<String> groups, String tokenId, Instant authTime, Instant expiresAt, String authMethod) {

    public Identity {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    /** The name people read in the UI and the audit trail: the username, or the client id for agents. */
    public String displayName() {
        return kind == IdentityKind.AGENT && clientId != null ? clientId : username;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
