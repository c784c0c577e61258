package dev.gatehouse.evidence;

import dev.gatehouse.evidence.PackBuilder.BuiltPack;
import dev.gatehouse.evidence.collect.Appendices;
import dev.gatehouse.evidence.collect.ConfigurationAppendices;
import dev.gatehouse.evidence.collect.RegisterAppendices;
import dev.gatehouse.evidence.collect.TimeSyncProbe;
import dev.gatehouse.evidence.report.ConfigurationHistory;
import dev.gatehouse.evidence.report.TimeSync;
import dev.gatehouse.evidence.collect.EvidenceCollector;
import dev.gatehouse.evidence.collect.ScopeResolver;
import dev.gatehouse.evidence.pack.PackCustody;
import dev.gatehouse.evidence.pack.PackHeader;
import dev.gatehouse.evidence.pack.PackSigner;
import dev.gatehouse.evidence.pack.SignedPackWriter;
import dev.gatehouse.evidence.pdf.PdfReportWriter;
import dev.gatehouse.evidence.report.ChainFacts;
import dev.gatehouse.evidence.report.EvidenceReport;
import dev.gatehouse.identity.InventoryIdentity;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts one pack together, in the order that keeps memory flat: the audit chain part and the
 * appendices stream rows straight into the signed zip, then the figures (SQL aggregates) become the
 * PDF, and the manifest over every file is signed last. Plain Java over one store connection, so
 * the benchmark runs exactly what the gateway runs; {@link EvidencePackBuilder} wires it in the app.
 */
public final class EvidencePackAssembly {

    /** Writes the pack's audit/ folder and says what verifying the period's chain found. */
    @FunctionalInterface
    public interface ChainPart {
        ChainFacts write(PackScope scope, PackEntries entries) throws IOException, SQLException;
    }

    /** What the builder needs from the gateway, each replaceable in a benchmark. */
    public record Parts(ChainPart chain, PackSigner signer, String signingKeyId, String generator, Clock clock, PackCustody custody,
            Crosswalk crosswalk) {
    }

    static final String REPORT = "report.pdf";
    static final String CROSSWALK = "crosswalk.csv";

    private final Parts parts;

    public EvidencePackAssembly(Parts parts) {
        this.parts = parts;
    }

    /**
     * @param store a store connection the assembly may put in a read-only, repeatable-read
     *              transaction: every appendix and figure then reads one snapshot, so the PDF's
     *              numbers and the appendices' rows agree even while the gateway keeps recording
     */
    public BuiltPack build(String packId, PackScope scope, String requestedBy, List<InventoryIdentity> inventory, Connection store,
            OutputStream out, PackProgress progress) throws IOException, SQLException {
        progress.at("resolving the scope", 1);
        store.setAutoCommit(false);
        store.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        store.setReadOnly(true);
        try {
            Set<String> connections = ScopeResolver.resolve(scope, store);
            SignedPackWriter pack = new SignedPackWriter(out);
            progress.at("verifying the audit chain over the period", 3);
            ChainFacts chain = parts.chain().write(scope, pack);
            progress.at("writing the appendices", 25);
            Map<String, Long> rows = Appendices.writeAll(scope, connections, inventory, store, pack,
                    (stage, percent) -> progress.at("appendix: " + stage, 25 + percent * 55 / 100));
            progress.at("reconstructing the configuration from the audit chain", 80);
            Map<String, Long> allRows = new java.util.LinkedHashMap<>(rows);
            ConfigurationHistory configuration = ConfigurationAppendices.write(scope, connections, inventory, store, pack, allRows);
            List<RegisterAppendices.Tracked> tracked = RegisterAppendices.write(scope, connections, store, pack, allRows);
            try (OutputStream crosswalk = pack.open(CROSSWALK)) {
                crosswalk.write(parts.crosswalk().source());
            }
            TimeSync timeSync = TimeSyncProbe.measure(store, System.getenv());
            progress.at("computing the figures", 82);
            EvidenceReport report = EvidenceCollector.collect(packId, scope, connections, inventory, chain, store, parts.generator(),
                    requestedBy, parts.clock().instant(), allRows).withAnnexes(new EvidenceReport.Annexes(
                    new EvidenceReport.SigningKeyFacts(parts.signingKeyId(), parts.custody().fingerprint(), parts.custody().keyCreatedAt()),
                    parts.crosswalk(), configuration, timeSync));
            report = RegisterAppendices.apply(report, tracked);
            progress.at("drawing the report", 90);
            try (OutputStream pdf = pack.open(REPORT)) {
                PdfReportWriter.write(report, pdf);
            }
            try (OutputStream figures = pack.open(ReportFiguresJson.PATH)) {
                ReportFiguresJson.write(report, figures);
            }
            progress.at("signing the manifest", 97);
            String manifest = pack.finish(new PackHeader(packId, report.generatedAt(), requestedBy, parts.generator(), scope,
                    parts.signingKeyId()), parts.signer(), parts.custody());
            pack.close();
            progress.at("done", 100);
            return new BuiltPack(rows.getOrDefault("statements", 0L), manifest);
        } finally {
            store.rollback();
        }
    }
}
