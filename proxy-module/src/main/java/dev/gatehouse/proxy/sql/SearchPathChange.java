package dev.gatehouse.proxy.sql;

import java.util.List;

/**
 * What a statement does to the session's search_path, as far as its text tells.
 *
 * @param schemas the new path, schema names as PostgreSQL resolved their spelling ({@code $user}
 *                kept as is), or null when the text does not tell (RESET, DEFAULT, a computed
 *                {@code set_config} value): the path is then whatever the target's default is
 * @param local   SET LOCAL or {@code set_config(..., true)}: it lasts until the transaction ends
 */
public record SearchPathChange(List<String> schemas, boolean local) {

    public SearchPathChange {
        schemas = schemas == null ? null : List.copyOf(schemas);
    }

    /** To a value the gateway does not know. */
    public static SearchPathChange unknown(boolean local) {
        return new SearchPathChange(null, local);
    }

    public boolean known() {
        return schemas != null;
    }
}
