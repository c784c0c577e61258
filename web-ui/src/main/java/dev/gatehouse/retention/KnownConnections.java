package dev.gatehouse.retention;

import dev.gatehouse.catalog.ConnectionValidator;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The connection names retention may be set for. Recordings outlive their connections (there is no
 * foreign key from data_session to connection), and a deleted connection's recordings may be exactly
 * what a legal hold must keep; so a name counts if the catalog has it or a recorded session used it.
 * A name that is neither is refused: a hold on a typo would protect nothing and look as if it did.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class KnownConnections {

    /** Distinct recorded names by skipping along the (connection_name, started_at) index, not by reading every session. */
    private static final String ALL = "with recursive recorded(name) as ("
            + " (select connection_name from data_session order by connection_name limit 1)"
            + " union all"
            + " select (select s.connection_name from data_session s where s.connection_name > r.name order by s.connection_name limit 1)"
            + " from recorded r where r.name is not null)"
            + " select name from recorded where name is not null union select name from connection order by 1";
    private static final String EXISTS = "select exists (select 1 from connection where name = ?1)"
            + " or exists (select 1 from data_session where connection_name = ?1)";

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    public List<String> all() {
        return em.createNativeQuery(ALL, String.class).getResultList().stream().map(String.class::cast).toList();
    }

    /** Whether the catalog has the name or a recorded session used it (evidence packs scope by these too). */
    public boolean exists(String name) {
        return Boolean.TRUE.equals(em.createNativeQuery(EXISTS, Boolean.class).setParameter(1, name).getSingleResult());
    }

    /** Returns the trimmed name, or fails naming the field {@code connection}. */
    String require(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (!ConnectionValidator.isValidName(trimmed)) {
            throw invalid("must be a connection name (1-63 characters of a-z, 0-9, '_', '.', '-')");
        }
        if (!exists(trimmed)) {
            throw invalid("no connection in the catalog and no recorded session has the name '" + trimmed + "'");
        }
        return trimmed;
    }

    private static ValidationFailedException invalid(String message) {
        return new ValidationFailedException(List.of(new FieldError("connection", message)));
    }
}
