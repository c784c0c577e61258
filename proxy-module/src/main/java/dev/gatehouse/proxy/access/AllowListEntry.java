package dev.gatehouse.proxy.access;

import dev.gatehouse.proxy.api.Identity;
import java.util.Locale;

/** One parsed allow-list entry; see {@link AllowListAccessPolicy} for the syntax. */
record AllowListEntry(Kind kind, String value) {

    enum Kind { ROLE, GROUP, CLIENT }

    static AllowListEntry parse(String raw) {
        String entry = raw.trim();
        int colon = entry.indexOf(':');
        if (colon > 0) {
            String prefix = entry.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = entry.substring(colon + 1);
            switch (prefix) {
                case "role":
                    return new AllowListEntry(Kind.ROLE, value);
                case "group":
                    return new AllowListEntry(Kind.GROUP, value.startsWith("/") ? value : "/" + value);
                case "client":
                    return new AllowListEntry(Kind.CLIENT, value);
                default:
                    break;
            }
        }
        return new AllowListEntry(Kind.ROLE, entry);
    }

    boolean matches(Identity identity) {
        return switch (kind) {
            case ROLE -> identity.roles().contains(value);
            // A member of /payments/dba is also inside /payments.
            case GROUP -> identity.groups().stream().anyMatch(g -> g.equals(value) || g.startsWith(value + "/"));
            case CLIENT -> value.equals(identity.clientId());
        };
    }

    String canonical() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + value;
    }
}
