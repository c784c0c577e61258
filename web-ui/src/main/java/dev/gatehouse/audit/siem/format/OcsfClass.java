package dev.gatehouse.audit.siem.format;

/** The OCSF 1.3.0 event classes Gatehouse emits, with their category. */
public enum OcsfClass {

    ACCOUNT_CHANGE(3001, "Account Change"),
    AUTHENTICATION(3002, "Authentication"),
    AUTHORIZE_SESSION(3003, "Authorize Session"),
    API_ACTIVITY(6003, "API Activity"),
    DATASTORE_ACTIVITY(6005, "Datastore Activity");

    private final int uid;
    private final String caption;

    OcsfClass(int uid, String caption) {
        this.uid = uid;
        this.caption = caption;
    }

    public int uid() {
        return uid;
    }

    public String caption() {
        return caption;
    }

    /** OCSF numbers classes category * 1000 + n. */
    public int categoryUid() {
        return uid / 1000;
    }

    public String categoryCaption() {
        return switch (categoryUid()) {
            case 3 -> "Identity & Access Management";
            case 6 -> "Application Activity";
            default -> throw new IllegalStateException("no category " + categoryUid());
        };
    }
}
