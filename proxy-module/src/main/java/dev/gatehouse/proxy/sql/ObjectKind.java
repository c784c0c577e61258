package dev.gatehouse.proxy.sql;

import java.util.Locale;

/** The kind of object a DDL statement creates, alters or drops. */
public enum ObjectKind {
    TABLE, VIEW, MATERIALIZED_VIEW, INDEX, SEQUENCE, SCHEMA, DATABASE, FUNCTION, PROCEDURE, AGGREGATE,
    TRIGGER, ROLE, EXTENSION, TYPE, DOMAIN, COLUMN, CONSTRAINT, POLICY, PUBLICATION, SUBSCRIPTION,
    TABLESPACE, FOREIGN_TABLE, FOREIGN_SERVER, RULE, EVENT_TRIGGER, OWNED, OTHER;

    /** Maps libpg_query's {@code OBJECT_*} names ({@code OBJECT_MATVIEW} ...) onto these kinds. */
    static ObjectKind fromParser(String objectType) {
        if (objectType == null) {
            return OTHER;
        }
        String name = objectType.startsWith("OBJECT_") ? objectType.substring(7) : objectType;
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "MATVIEW" -> MATERIALIZED_VIEW;
            case "ROUTINE" -> FUNCTION;
            case "FOREIGN_SERVER" -> FOREIGN_SERVER;
            case "TABCONSTRAINT", "DOMCONSTRAINT" -> CONSTRAINT;
            case "EVENT_TRIGGER" -> EVENT_TRIGGER;
            default -> {
                try {
                    yield valueOf(name.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException unknown) {
                    yield OTHER;
                }
            }
        };
    }
}
