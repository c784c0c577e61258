package dev.gatehouse.proxy.policy;

import dev.gatehouse.proxy.sql.ObjectKind;
import dev.gatehouse.proxy.sql.Operation;
import dev.gatehouse.proxy.sql.StatementClass;
import java.util.Locale;
import java.util.Objects;

/**
 * A statement class, optionally narrowed to one object kind: {@code DELETE}, {@code DROP} (any
 * kind), {@code DROP:TABLE}. Written as text in REST bodies; {@link #parse} rejects unknown names.
 */
public record StatementSelector(StatementClass statementClass, ObjectKind kind) {

    public StatementSelector {
        Objects.requireNonNull(statementClass, "statementClass");
    }

    public static StatementSelector of(StatementClass statementClass) {
        return new StatementSelector(statementClass, null);
    }

    public boolean matches(Operation operation) {
        return operation.statementClass() == statementClass && (kind == null || kind == operation.kind());
    }

    /** Parses {@code CLASS} or {@code CLASS:KIND}; throws IllegalArgumentException naming what is unknown. */
    public static StatementSelector parse(String text) {
        String value = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
        int colon = value.indexOf(':');
        String className = colon < 0 ? value : value.substring(0, colon);
        StatementClass statementClass;
        try {
            statementClass = StatementClass.valueOf(className);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown statement class \"" + text + "\"");
        }
        if (colon < 0) {
            return of(statementClass);
        }
        try {
            return new StatementSelector(statementClass, ObjectKind.valueOf(value.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown object kind in \"" + text + "\"");
        }
    }

    @Override
    public String toString() {
        return kind == null ? statementClass.name() : statementClass + ":" + kind;
    }
}
