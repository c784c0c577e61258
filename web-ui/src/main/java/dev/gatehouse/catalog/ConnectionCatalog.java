package dev.gatehouse.catalog;

import java.util.List;
import java.util.UUID;

/**
 * The connection catalog as admins use it, from the UI and from REST alike. Every change is
 * validated here and written to the audit trail in the same transaction.
 */
public interface ConnectionCatalog {

    List<TargetConnection> list();

    TargetConnection get(UUID id);

    TargetConnection create(ConnectionDraft draft);

    TargetConnection update(UUID id, ConnectionDraft draft);

    void delete(UUID id);

    /** Adds one allow-list entry (e.g. {@code client:ci-agent}) to a connection, audited like any edit. */
    void allow(String connectionName, String entry);

    /** Removes an allow-list entry from every connection; returns the names of the connections changed. */
    List<String> revokeEverywhere(String entry);

    /** Dials the stored connection with its stored secret. */
    ConnectionTestResult test(UUID id);

    /**
     * Dials an unsaved draft; when the draft carries no new secret the stored one of {@code existingId}
     * (if any) is used, so an admin can test an edit before saving it.
     */
    ConnectionTestResult testDraft(ConnectionDraft draft, UUID existingId);
}
