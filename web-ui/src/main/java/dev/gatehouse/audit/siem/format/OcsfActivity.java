package dev.gatehouse.audit.siem.format;

/**
 * Where an action lands in OCSF: the class and the activity within it. For activity 99 (Other) the
 * name is Gatehouse's own, as OCSF asks.
 */
public record OcsfActivity(OcsfClass ocsfClass, int id, String name) {

    public static final int OTHER = 99;

    /** OCSF's rule: type_uid = class_uid * 100 + activity_id. */
    public long typeUid() {
        return ocsfClass.uid() * 100L + id;
    }

    public String typeName() {
        return ocsfClass.caption() + ": " + name;
    }
}
