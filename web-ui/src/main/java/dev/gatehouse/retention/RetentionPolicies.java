package dev.gatehouse.retention;

import java.util.List;

/**
 * The retention periods per connection, as admins set them from the UI and REST alike. Every
 * change is validated here and written to the audit trail in the same transaction. Legal holds
 * live on the same rows but are changed through {@link LegalHolds}, which other roles may use.
 */
public interface RetentionPolicies {

    /** The default ('*') first, then the connections' own policies by name. */
    List<RetentionPolicy> list();

    /** The policy that applies to a connection: its own, or the default. */
    RetentionPolicy effective(String connection);

    /** Sets the periods of a connection, or of the default with '*'; a connection gets its own policy if it had none. */
    RetentionPolicy save(String connection, RetentionPeriods periods);

    /** Drops a connection's own periods so the default applies again; refused for '*' and while the connection is held. */
    void reset(String connection);

    /** Names a policy or hold may be set for: connections in the catalog and connections with recorded sessions. */
    List<String> knownConnections();
}
