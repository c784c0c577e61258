package dev.gatehouse.accessreview;

import java.util.Locale;
import java.util.Optional;

/**
 * How an identity's access to a connection exists, as {@code access_review_item.access_via} writes it:
 * an allow-list entry ({@code role:<realm role>}, {@code client:<agent>}), a just-in-time grant
 * ({@code jit:<request id>}) or an unmask exemption ({@code unmask:<exemption id>}).
 */
public record AccessVia(Kind kind, String value) {

    public enum Kind {
        ROLE, CLIENT, JIT, UNMASK;

        String prefix() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static AccessVia parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("access_via without a kind: " + text);
        }
        Kind kind = Kind.valueOf(text.substring(0, colon).toUpperCase(Locale.ROOT));
        return new AccessVia(kind, text.substring(colon + 1));
    }

    /**
     * The allow-list entry as an access path, when a review can enumerate who it admits: realm roles
     * and clients. Group entries are not enumerated: the inventory carries no group memberships yet.
     */
    static Optional<AccessVia> fromAllowListEntry(String raw) {
        String entry = raw.trim();
        int colon = entry.indexOf(':');
        String prefix = colon > 0 ? entry.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        String value = colon > 0 ? entry.substring(colon + 1) : entry;
        return switch (prefix) {
            case "role" -> Optional.of(new AccessVia(Kind.ROLE, value));
            case "client" -> Optional.of(new AccessVia(Kind.CLIENT, value));
            case "group" -> Optional.empty();
            // A bare name is a realm role, as AllowListAccessPolicy reads it; so is an unknown prefix's whole text.
            default -> Optional.of(new AccessVia(Kind.ROLE, entry));
        };
    }

    /** Whether revoking it means refusing the identity on the connection (rather than ending one grant). */
    public boolean isStanding() {
        return kind == Kind.ROLE || kind == Kind.CLIENT;
    }

    @Override
    public String toString() {
        return kind.prefix() + ":" + value;
    }
}
