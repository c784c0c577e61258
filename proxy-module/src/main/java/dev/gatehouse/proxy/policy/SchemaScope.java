package dev.gatehouse.proxy.policy;

import dev.gatehouse.proxy.sql.SearchPathChange;
import dev.gatehouse.proxy.sql.TableRef;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The schemas an unqualified table name of a session may resolve in: every schema of every
 * search_path the session may have now (docs/adr/0016). Unknown (the target's default path,
 * which the gateway does not read) means any schema.
 *
 * <p>A rule that refuses or holds a statement matches an unqualified name when its schema
 * pattern matches <em>any</em> schema the name may resolve in; a rule that allows matches only
 * when it matches <em>every</em> one. Immutable.
 */
public final class SchemaScope {

    /** The target's default path: any schema. */
    public static final SchemaScope UNKNOWN = new SchemaScope(null);

    private static final String CATALOG = "pg_catalog";
    private final Set<String> schemas;

    private SchemaScope(Set<String> schemas) {
        this.schemas = schemas == null ? null : Set.copyOf(schemas);
    }

    /** Exactly this path; {@code $user} is the connection's database user (the role cannot change). */
    public static SchemaScope exactly(List<String> path, String user) {
        return UNKNOWN.widenedBy(new SearchPathChange(path, false), user, true);
    }

    public boolean known() {
        return schemas != null;
    }

    /** The scope after {@code change} may or may not have taken effect: this one's schemas plus the new path's. */
    public SchemaScope widenedBy(SearchPathChange change, String user) {
        return widenedBy(change, user, false);
    }

    private SchemaScope widenedBy(SearchPathChange change, String user, boolean replace) {
        if (change == null) {
            return this;
        }
        if (!change.known() || !replace && schemas == null) {
            return UNKNOWN;
        }
        Set<String> widened = new LinkedHashSet<>(replace ? Set.of() : schemas);
        for (String schema : change.schemas()) {
            if (schema.equals("$user")) {
                if (user == null) {
                    return UNKNOWN;
                }
                widened.add(user);
            } else {
                widened.add(schema);
            }
        }
        return new SchemaScope(widened);
    }

    /** The schemas {@code ref} may be in, or null for any. */
    Collection<String> candidates(TableRef ref) {
        if (ref.schema() != null) {
            return List.of(ref.schema());
        }
        if (schemas == null) {
            return null;
        }
        if (ref.name().startsWith("pg_") && !schemas.contains(CATALOG)) {
            // pg_catalog is searched first unless the path names it; every relation in it is named pg_*.
            Set<String> withCatalog = new LinkedHashSet<>(schemas);
            withCatalog.add(CATALOG);
            return withCatalog;
        }
        return schemas;
    }

    @Override
    public String toString() {
        return schemas == null ? "any schema" : String.join(", ", schemas);
    }
}
