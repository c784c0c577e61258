package dev.gatehouse.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.ScratchStore;
import dev.gatehouse.evidence.PackBuilder.BuiltPack;
import dev.gatehouse.evidence.collect.Appendices;
import dev.gatehouse.evidence.pack.PeriodChainEvidence;
import dev.gatehouse.evidence.pdf.ReportText;
import dev.gatehouse.identity.InventoryIdentity;
import dev.gatehouse.proxy.audit.pack.PackVerification;
import dev.gatehouse.proxy.audit.pack.PackVerifier;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import dev.gatehouse.recording.RecordedActivity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole assembly over a scratch store written by the recorder's own code: the pack holds the
 * report, its figures, every appendix in both forms, the audit part and the signed manifest; the
 * examiner's verifier finds it intact; and progress only moves forward.
 */
class EvidencePackAssemblyTest {

    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    static ScratchStore store;
    static TestSigningKey key;

    @BeforeAll
    static void seed() throws Exception {
        store = ScratchStore.create("gh_evidence_assembly");
        try (Connection owner = store.owner(); Statement st = owner.createStatement()) {
            st.execute("insert into connection (id, name, type, host, port, tls_mode, created_at, updated_at)"
                    + " values (gen_random_uuid(), 'pay', 'postgres', 'db', 5432, 'disable', now(), now())");
        }
        try (Connection app = store.application()) {
            RecordedActivity.write(app, "pay", 3, 100, START, Duration.ofSeconds(1));
            RecordedActivity.write(app, "hr", 2, 100, START, Duration.ofSeconds(1));
        }
        key = new TestSigningKey("test-key");
    }

    @AfterAll
    static void drop() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aPackHoldsEveryPartAndVerifies(@TempDir Path dir) throws Exception {
        PublicKeys trusted = key.trusted(START);
        Path file = dir.resolve("evidence-test.zip");
        List<Integer> progress = new ArrayList<>();
        BuiltPack built;
        try (Connection app = store.application(); Connection chain = store.application(); OutputStream out = Files.newOutputStream(file)) {
            EvidencePackAssembly assembly = new EvidencePackAssembly(new EvidencePackAssembly.Parts(
                    (scope, entries) -> new PeriodChainEvidence(chain, trusted, List.of(), Instant.now()).write(scope, entries),
                    key.signer(), key.keyId(), "Gatehouse test", Clock.systemUTC(), key.custody(), Crosswalk.bundled()));
            PackScope scope = new PackScope(START, START.plusSeconds(86_400), List.of("pay"), List.of(), Set.of());
            built = assembly.build("test-pack", scope, "dora", List.of(new InventoryIdentity("eve", "human", Set.of("gatehouse-user"), true)),
                    app, out, (stage, percent) -> progress.add(percent));
        }

        assertThat(built.statements()).as("only the 300 statements on 'pay', not those on 'hr'").isEqualTo(300);
        assertThat(built.manifestSha256()).hasSize(64);
        assertThat(progress).isSorted().last().isEqualTo(100);

        Map<String, byte[]> files = unzip(file);
        List<String> expected = new ArrayList<>(List.of("report.pdf", "report.json", "VERIFY.txt", "MANIFEST.json", "MANIFEST.sig",
                "audit/chain-verification.json", "audit/checkpoints.json", "audit/public-key.json", "audit/chain-bundle.zip",
                "audit/signing-key.pem", "verify-with-openssl.sh", "MANIFEST.sig.bin", "SHA256SUMS", "SHA256SUMS.sig", "crosswalk.csv"));
        for (String name : List.of("configuration-changes", "configuration-at-start", "configuration-at-end", "exception-register",
                "management-signoffs")) {
            expected.addAll(List.of("appendix/" + name + ".csv", "appendix/" + name + ".json"));
        }
        Appendices.NAMES.forEach(name -> expected.addAll(List.of("appendix/" + name + ".csv", "appendix/" + name + ".json")));
        assertThat(files.keySet()).containsExactlyInAnyOrderElementsOf(expected);

        PackVerification verification = new PackVerifier(trusted).verify(file);
        assertThat(verification.intact()).as(verification.humanText()).isTrue();

        JsonObject figures = Json.createReader(new ByteArrayInputStream(files.get("report.json"))).readObject();
        assertThat(figures.getJsonArray("controls")).hasSize(15);
        long statements = figures.getJsonArray("controls").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("control").equals("C5")).flatMap(c -> c.getJsonArray("figures").getValuesAs(JsonObject.class).stream())
                .filter(f -> f.getString("key").equals("C5.statements")).mapToLong(f -> f.getJsonNumber("value").longValue()).sum();
        assertThat(statements).isEqualTo(300);
        ReportText pdf = ReportText.read(files.get("report.pdf"));
        assertThat(pdf.headings()).hasSize(15);
        assertThat(pdf.coverText()).contains("test-pack");
    }

    static Map<String, byte[]> unzip(Path file) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), zip.readAllBytes());
            }
        }
        return files;
    }
}
