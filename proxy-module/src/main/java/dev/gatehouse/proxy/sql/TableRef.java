package dev.gatehouse.proxy.sql;

import java.util.Objects;

/**
 * A relation a statement names, as PostgreSQL resolved its spelling: unquoted names are folded to
 * lower case, quoted ones kept exactly. {@code schema} is null when the statement did not
 * qualify the name (the target's search_path then decides).
 */
public record TableRef(String schema, String name) {

    public TableRef {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
