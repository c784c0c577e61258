package dev.gatehouse.proxy.api;

/** Whether an identity is a person or a non-human agent (service account, CI job, AI agent). */
public enum IdentityKind {
    HUMAN("human"),
    AGENT("agent");

    private final String wireName;

    IdentityKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
