package dev.gatehouse.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads an {@link Identity} from verified Keycloak claims. */
public final class IdentityClaims {

    /**
     * The roles of people (issue 17): approving, auditing and administering. An agent's token that
     * carries one (Keycloak changed behind Gatehouse's back) is read without it, so no decision,
     * sign-off or hold release can be made by a machine.
     */
    public static final Set<String> PERSON_ROLES = Set.of("gatehouse-admin", "gatehouse-approver", "gatehouse-auditor");

    /** Keycloak names the user behind a client's service account like this. */
    static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    private IdentityClaims() {
    }

    public static Identity from(JWTClaimsSet claims, String authMethod) {
        try {
            String username = claims.getStringClaim("preferred_username");
            String clientId = claims.getStringClaim("azp");
            IdentityKind kind = username != null && username.startsWith(SERVICE_ACCOUNT_PREFIX) ? IdentityKind.AGENT : IdentityKind.HUMAN;
            Long authTime = claims.getLongClaim("auth_time");
            return new Identity(claims.getSubject(), username == null ? claims.getSubject() : username, clientId, kind,
                    kind == IdentityKind.AGENT ? withoutPersonRoles(realmRoles(claims)) : realmRoles(claims), strings(claims.getClaim("groups")), claims.getJWTID(),
                    authTime == null ? toInstant(claims.getIssueTime()) : Instant.ofEpochSecond(authTime),
                    toInstant(claims.getExpirationTime()), authMethod);
        } catch (ParseException e) {
            throw new dev.gatehouse.proxy.api.AuthenticationFailedException("invalid_claims", "the token's claims have unexpected types");
        }
    }

    /** The realm roles an agent's token claims that Gatehouse ignores for agents. */
    public static Set<String> ignoredAgentRoles(JWTClaimsSet claims) throws ParseException {
        Set<String> claimed = new java.util.TreeSet<>(realmRoles(claims));
        claimed.retainAll(PERSON_ROLES);
        return claimed;
    }

    private static Set<String> withoutPersonRoles(Set<String> roles) {
        Set<String> kept = new java.util.HashSet<>(roles);
        kept.removeAll(PERSON_ROLES);
        return kept;
    }

    private static Set<String> realmRoles(JWTClaimsSet claims) throws ParseException {
        Map<String, Object> realmAccess = claims.getJSONObjectClaim("realm_access");
        return realmAccess == null ? Set.of() : strings(realmAccess.get("roles"));
    }

    private static Set<String> strings(Object value) {
        Set<String> result = new HashSet<>();
        if (value instanceof Collection<?> values) {
            values.forEach(v -> result.add(String.valueOf(v)));
        } else if (value instanceof String single) {
            result.add(single);
        }
        return result;
    }

    private static Instant toInstant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }

    static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
