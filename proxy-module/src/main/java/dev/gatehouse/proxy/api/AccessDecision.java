package dev.gatehouse.proxy.api;

/**
 * The answer to "may this identity use this connection?". {@code matchedEntry} is the allow-list
 * entry that granted access (e.g. {@code role:gatehouse-user}); empty when denied.
 */
public record AccessDecision(boolean allowed, String reason, String matchedEntry, String clientMessage) {

    public AccessDecision(boolean allowed, String reason, String matchedEntry) {
        this(allowed, reason, matchedEntry, null);
    }

    /**
     * A refusal the client is told in full, because it says how to get in (a just-in-time grant
     * to request); other refusals show the client only a generic line.
     */
    public static AccessDecision denyExplained(String reason) {
        return new AccessDecision(false, reason, "", reason);
    }

    public static AccessDecision allow(String matchedEntry) {
        return new AccessDecision(true, "allowed by " + matchedEntry, matchedEntry);
    }

    public static AccessDecision deny(String reason) {
        return new AccessDecision(false, reason, "");
    }
}
