package dev.gatehouse.evidence.pack;

import dev.gatehouse.audit.chain.AuditChainSettingsHolder;
import dev.gatehouse.audit.chain.AuditSigningKeys;
import dev.gatehouse.evidence.PackEntries;
import dev.gatehouse.evidence.PackScope;
import dev.gatehouse.evidence.report.ChainFacts;
import dev.gatehouse.platform.DirectStoreConnections;
import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.DirectoryAnchor;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes a pack's audit/ folder (controls C10 and C11): the chain verified over the period, the
 * checkpoints and keys that prove it, and the bundle an examiner re-verifies offline.
 *
 * <p>This verification is not recorded as an {@code audit.verified} event, and the bundle not as an
 * {@code audit.exported} one: the pack job runs in the background, where the only actor is
 * "system", so such events would attribute a person's reading of the logs to nobody. The pack's
 * generation and its download are what is recorded, with the person who asked (C9).
 */
@ApplicationScoped
public class EvidenceChainPart {

    @Inject
    AuditSigningKeys keys;

    @Inject
    AuditChainSettingsHolder settings;

    public ChainFacts write(PackScope scope, PackEntries entries) throws IOException {
        keys.activeKeyId(); // as /api/v1/audit/public-key does: there is always a key to publish and to sign with
        PublicKeys trusted = PublicKeys.of(keys.trusted());
        // A connection of its own, outside the pool: the range streams through a cursor in a read-only snapshot.
        try (Connection connection = DirectStoreConnections.application()) {
            return new PeriodChainEvidence(connection, trusted, anchored(), Instant.now()).write(scope, entries);
        } catch (SQLException e) {
            throw new IOException("reading the audit chain for the pack failed: " + e.getMessage(), e);
        }
    }

    private List<Checkpoint> anchored() throws IOException {
        Optional<Path> directory = settings.get().anchorDirectory();
        return directory.isPresent() ? new DirectoryAnchor(directory.get()).readAll() : List.of();
    }
}
