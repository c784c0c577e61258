package dev.gatehouse.audit.chain;

import dev.gatehouse.audit.LogAccessLog;
import dev.gatehouse.platform.DirectStoreConnections;
import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.DirectoryAnchor;
import dev.gatehouse.proxy.audit.verify.AuditBundleWriter;
import dev.gatehouse.proxy.audit.verify.BundleManifest;
import dev.gatehouse.proxy.audit.verify.ChainVerifier;
import dev.gatehouse.proxy.audit.verify.JdbcAuditSource;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import dev.gatehouse.proxy.audit.verify.SeqRange;
import dev.gatehouse.proxy.audit.verify.VerificationReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verification and export inside the application, with the same verifier the offline
 * gatehouse-verify jar runs. Each run and each export is itself an audit event (C9). Reads use a
 * connection of their own, outside the pool and any request's transaction, so a long range streams
 * through a cursor in one read-only snapshot.
 */
@ApplicationScoped
public class AuditVerification {

    @Inject
    AuditSigningKeys keys;

    @Inject
    AuditChainSettingsHolder settings;

    @Inject
    LogAccessLog logAccess;

    public VerificationReport verify(SeqRange range, String channel) {
        VerificationReport report;
        try (Connection connection = DirectStoreConnections.application();
                JdbcAuditSource source = JdbcAuditSource.open(connection, range, "the gateway's store")) {
            report = new ChainVerifier(PublicKeys.of(keys.trusted())).withAnchor(anchored()).verify(source);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("verifying the audit chain failed: " + e.getMessage(), e);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", range.from());
        details.put("to", range.isOpenEnded() ? null : range.to());
        details.put("intact", report.intact());
        details.put("eventsChecked", report.eventsChecked());
        details.put("checkpointsVerified", report.checkpointsVerified());
        details.put("channel", channel);
        if (!report.intact()) {
            details.put("firstBadSeq", report.problem().seq());
            details.put("problem", report.problem().kind().name());
        }
        logAccess.accessed("audit.verified", "audit_chain", null, "audit_event", report.intact() ? "success" : "failure", details);
        return report;
    }

    /** Streams a bundle of {@code range} to {@code out}; the export is recorded once it completed. */
    public void export(SeqRange range, String exporter, OutputStream out) {
        BundleManifest manifest;
        try (Connection connection = DirectStoreConnections.application();
                JdbcAuditSource source = JdbcAuditSource.open(connection, range, "the gateway's store")) {
            manifest = AuditBundleWriter.write(source, PublicKeys.of(keys.trusted()), exporter, Instant.now(), out);
        } catch (SQLException e) {
            throw new IllegalStateException("exporting the audit chain failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", range.from());
        details.put("to", range.isOpenEnded() ? null : range.to());
        details.put("events", manifest.events());
        details.put("checkpoints", manifest.checkpoints());
        logAccess.accessed("audit.exported", "audit_chain", null, "audit_event", "success", details);
    }

    private List<Checkpoint> anchored() throws IOException {
        return settings.get().anchorDirectory().isPresent()
                ? new DirectoryAnchor(settings.get().anchorDirectory().get()).readAll()
                : List.of();
    }
}
