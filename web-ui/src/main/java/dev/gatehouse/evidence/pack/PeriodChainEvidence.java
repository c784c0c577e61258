package dev.gatehouse.evidence.pack;

import dev.gatehouse.evidence.PackEntries;
import dev.gatehouse.evidence.PackScope;
import dev.gatehouse.evidence.report.ChainFacts;
import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.verify.AuditBundleWriter;
import dev.gatehouse.proxy.audit.verify.ChainVerifier;
import dev.gatehouse.proxy.audit.verify.JdbcAuditSource;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import dev.gatehouse.proxy.audit.verify.SeqRange;
import dev.gatehouse.proxy.audit.verify.VerificationReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit-chain part of a pack, over one store connection: the seq range of the period, its
 * verification, the checkpoints covering it with their anchor receipts, the public keys and the
 * range's bundle. Plain JDBC and the offline verifier's own classes, so a test runs it against a
 * scratch store; {@link EvidenceChainPart} gives it the gateway's connection and keys.
 */
public final class PeriodChainEvidence {

    static final String VERIFICATION = "audit/chain-verification.json";
    static final String CHECKPOINTS = "audit/checkpoints.json";
    static final String PUBLIC_KEY = "audit/public-key.json";
    static final String BUNDLE = "audit/chain-bundle.zip";

    private final Connection connection;
    private final PublicKeys trusted;
    private final List<Checkpoint> anchored;
    private final Instant now;

    /** @param anchored checkpoints read from the directory anchor, compared during verification as the in-app verifier does */
    public PeriodChainEvidence(Connection connection, PublicKeys trusted, List<Checkpoint> anchored, Instant now) {
        this.connection = connection;
        this.trusted = trusted;
        this.anchored = List.copyOf(anchored);
        this.now = now;
    }

    public ChainFacts write(PackScope scope, PackEntries entries) throws IOException, SQLException {
        List<String> keyIds = trusted.keys().stream().map(PublicKeys.TrustedKey::keyId).toList();
        SeqRange range = seqRange(scope);
        if (range == null) {
            writeText(entries, VERIFICATION, verificationJson(scope, null, null,
                    "no chained audit event occurred in the period, so there is no range to verify and no bundle"));
            writeText(entries, CHECKPOINTS, checkpointsJson(null, List.of()));
            writeText(entries, PUBLIC_KEY, trusted.toJson());
            return new ChainFacts(0, 0, true, 0, 0, null, null, 0, 0, keyIds);
        }
        VerificationReport report;
        try (JdbcAuditSource source = JdbcAuditSource.open(connection, range, "the gateway's store")) {
            report = new ChainVerifier(trusted).withAnchor(anchored).verify(source);
        }
        List<AnchoredCheckpoint> covering = coveringCheckpoints(range);
        writeText(entries, VERIFICATION, verificationJson(scope, range, report, "seq " + range + " are the chained events that occurred in"
                + " the period; audit/chain-bundle.zip holds them, and gatehouse-verify --pack verifies it with the examiner's keys"));
        writeText(entries, CHECKPOINTS, checkpointsJson(range, covering));
        writeText(entries, PUBLIC_KEY, trusted.toJson());
        try (JdbcAuditSource source = JdbcAuditSource.open(connection, range, "the gateway's store");
                OutputStream bundle = entries.open(BUNDLE)) {
            AuditBundleWriter.write(source, trusted, "gatehouse evidence pack", now, bundle);
        }
        long anchoredCount = covering.stream().filter(c -> !c.receipts().isEmpty()).count();
        return new ChainFacts(range.from(), range.to(), report.intact(), report.eventsChecked(), report.checkpointsVerified(),
                report.intact() ? null : report.problem().kind().name(), report.intact() ? null : report.problem().seq(), covering.size(),
                anchoredCount, keyIds);
    }

    /** The first and last seq that occurred in [from, to); null when none did. */
    private SeqRange seqRange(PackScope scope) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select min(seq), max(seq) from audit_event"
                + " where seq is not null and occurred_at >= ? and occurred_at < ?")) {
            select.setTimestamp(1, Timestamp.from(scope.from()));
            select.setTimestamp(2, Timestamp.from(scope.to()));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                long first = rs.getLong(1);
                return rs.wasNull() ? null : new SeqRange(first, rs.getLong(2));
            }
        }
    }

    record AnchoredCheckpoint(Checkpoint checkpoint, List<Map<String, Object>> receipts) {
    }

    /** The checkpoints inside the range and the first one after it, which signs the range's last row into a later head. */
    private List<AnchoredCheckpoint> coveringCheckpoints(SeqRange range) throws SQLException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select seq, hash, signed_at, key_id, prev_signature, signature"
                + " from audit_checkpoint where seq between ? and ?"
                + " or seq = (select min(seq) from audit_checkpoint where seq > ?) order by seq")) {
            select.setLong(1, range.from());
            select.setLong(2, range.to());
            select.setLong(3, range.to());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    checkpoints.add(new Checkpoint(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        List<AnchoredCheckpoint> covering = new ArrayList<>();
        for (Checkpoint checkpoint : checkpoints) {
            covering.add(new AnchoredCheckpoint(checkpoint, receipts(checkpoint.seq())));
        }
        return covering;
    }

    private List<Map<String, Object>> receipts(long checkpointSeq) throws SQLException {
        List<Map<String, Object>> receipts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select anchor, location, stored_at from audit_anchor_receipt where checkpoint_seq = ? order by anchor")) {
            select.setLong(1, checkpointSeq);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> receipt = new LinkedHashMap<>();
                    receipt.put("anchor", rs.getString(1));
                    receipt.put("location", rs.getString(2));
                    receipt.put("stored_at", rs.getTimestamp(3).toInstant().toString());
                    receipts.add(receipt);
                }
            }
        }
        return receipts;
    }

    private static String verificationJson(PackScope scope, SeqRange range, VerificationReport report, String note) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("period", Map.of("from", scope.from().toString(), "to", scope.to().toString()));
        json.put("seq_range", range == null ? null : Map.of("from", range.from(), "to", range.to()));
        json.put("intact", report == null || report.intact());
        json.put("verdict", report == null ? "no events in the period" : report.verdict());
        json.put("report", report == null ? null : CanonicalJson.parse(report.toJson()));
        json.put("note", note);
        return CanonicalJson.write(json);
    }

    private static String checkpointsJson(SeqRange range, List<AnchoredCheckpoint> covering) {
        List<Object> listed = new ArrayList<>();
        for (AnchoredCheckpoint entry : covering) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("checkpoint", CanonicalJson.parse(entry.checkpoint().toJson()));
            item.put("after_range", entry.checkpoint().seq() > range.to());
            item.put("anchor_receipts", entry.receipts());
            listed.add(item);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seq_range", range == null ? null : Map.of("from", range.from(), "to", range.to()));
        json.put("checkpoints", listed);
        return CanonicalJson.write(json);
    }

    private static void writeText(PackEntries entries, String path, String text) throws IOException {
        try (OutputStream out = entries.open(path)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
    }
}
