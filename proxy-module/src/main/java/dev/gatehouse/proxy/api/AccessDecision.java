package dev.gatehouse.proxy.api;

/**
 * The answer to "may this identity use this connection?". {@code matchedEntry} is the allow-list
 * entry that granted access (e.g. {@code role:gatehouse-user}); empty when denied.
 */
public record AccessDecision(boolean allowed, String reason, String matchedEntry) {

    public static AccessDecision allow(String matchedEntry) {
        return new AccessDecision(true, "allowed by " + matchedEntry, matchedEntry);
    }

    public static AccessDecision deny(String reason) {
        return new AccessDecision(false, reason, "");
    }
}
