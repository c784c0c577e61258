package dev.gatehouse.masking;

import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.TargetConnectionRepository;
import dev.gatehouse.proxy.api.Connection;
import dev.gatehouse.proxy.api.ConnectionType;
import dev.gatehouse.proxy.api.CredentialStore;
import dev.gatehouse.proxy.masking.CatalogColumn;
import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;
import dev.gatehouse.proxy.masking.ValueMasker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Refuses, at save, a catalog-column rule whose column the target does not have, or whose type the
 * rule's method cannot mask (an extension type redacted, say): such a rule would otherwise only
 * show up as statements failing closed. The check needs the target; when it cannot be reached the
 * rule is saved anyway, because the data path fails closed on it all the same.
 */
@ApplicationScoped
public class ColumnTypeCheck {

    private static final Logger LOG = Logger.getLogger(ColumnTypeCheck.class.getName());

    /** The type as RowDescription reports it: a domain's base type, since the wire carries that. */
    private static final String COLUMN_TYPE = """
            select coalesce(nullif(t.typbasetype, 0), a.atttypid)::int, format_type(a.atttypid, a.atttypmod)
              from pg_attribute a
              join pg_class c on c.oid = a.attrelid
              join pg_namespace n on n.oid = c.relnamespace
              join pg_type t on t.oid = a.atttypid
             where n.nspname = ? and c.relname = ? and a.attname = ? and a.attnum > 0 and not a.attisdropped""";

    @Inject
    TargetConnectionRepository connections;

    @Inject
    CredentialStore credentials;

    @Inject
    PostgresTargetReader reader;

    /** @return the reason to refuse the rule, or empty when it can stand */
    public Optional<FieldError> problem(ValidMaskingRule rule) {
        if (!(rule.target() instanceof MaskTarget.Column column) || MaskingRuleDraft.EVERY_CONNECTION.equals(rule.draft().connection())) {
            return Optional.empty();
        }
        Connection target = connections.findDescriptor(rule.draft().connection()).orElse(null);
        if (target == null || target.type() != ConnectionType.POSTGRES) {
            return Optional.empty();
        }
        ColumnType type;
        try {
            type = reader.withSession(target, credentials.secretFor(target.name()).orElse(null), session -> read(session, column.column()));
        } catch (TargetUnavailableException unreachable) {
            LOG.info(() -> "masking rule '" + rule.draft().name() + "' saved without a type check: " + unreachable.getMessage());
            return Optional.empty();
        }
        return judge(column.column(), type, rule.method());
    }

    /** The column's wire type, or null when the target has no such column. */
    record ColumnType(int oid, String name) {
    }

    static Optional<FieldError> judge(CatalogColumn column, ColumnType type, MaskMethod method) {
        if (type == null) {
            return Optional.of(new FieldError("column", "the target has no column " + column.qualifiedName()));
        }
        if (!ValueMasker.supports(type.oid(), method)) {
            return Optional.of(new FieldError("method", column.qualifiedName() + " is of type " + type.name()
                    + ", which this method cannot mask while keeping the type; use the null method"));
        }
        return Optional.empty();
    }

    private static ColumnType read(java.sql.Connection session, CatalogColumn column) throws java.sql.SQLException {
        try (PreparedStatement st = session.prepareStatement(COLUMN_TYPE)) {
            st.setString(1, column.schema());
            st.setString(2, column.table());
            st.setString(3, column.column());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new ColumnType(rs.getInt(1), rs.getString(2)) : null;
            }
        }
    }
}
