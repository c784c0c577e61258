package dev.gatehouse.access;

import dev.gatehouse.proxy.api.Identity;
import java.util.LinkedHashMap;
import java.util.Map;

/** The identity fields every decision event carries, so the audit trail answers "who" on its own. */
public final class IdentityAttributes {

    private IdentityAttributes() {
    }

    public static Map<String, Object> of(Identity identity) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("subject", identity.subject());
        attributes.put("username", identity.username());
        attributes.put("clientId", identity.clientId());
        attributes.put("kind", identity.kind().wireName());
        attributes.put("roles", identity.roles().stream().sorted().toList());
        attributes.put("groups", identity.groups().stream().sorted().toList());
        attributes.put("tokenId", identity.tokenId());
        attributes.put("authTime", identity.authTime() == null ? null : identity.authTime().toString());
        attributes.put("authMethod", identity.authMethod());
        return attributes;
    }
}
