package dev.gatehouse.evidence.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.PackScope;
import dev.gatehouse.proxy.audit.Digests;
import dev.gatehouse.proxy.audit.pack.PackManifest;
import dev.gatehouse.proxy.audit.pack.PackProblem;
import dev.gatehouse.proxy.audit.pack.PackVerification;
import dev.gatehouse.proxy.audit.pack.PackVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack writer's zip, verified by the examiner's PackVerifier (the code in gatehouse-verify.jar). */
class SignedPackWriterTest {

    static final PackScope SCOPE = new PackScope(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"),
            List.of("orders-db"), List.of(), Set.of(FfiecControl.C10, FfiecControl.C1));

    private final TestSigner signer = new TestSigner();

    @TempDir
    Path temp;

    @Test
    void aWrittenPackVerifiesAndListsEveryFileWithVerifyInstructions() throws IOException {
        Path pack = temp.resolve("evidence-p-7.zip");
        String manifestSha;
        try (OutputStream file = Files.newOutputStream(pack)) {
            manifestSha = writePack(file);
        }

        PackVerification result = new PackVerifier(signer.published()).verify(pack);

        assertThat(result.intact()).as(result.humanText()).isTrue();
        assertThat(result.filesChecked()).isEqualTo(3);
        assertThat(result.keyId()).isEqualTo(TestSigner.KEY_ID);
        String manifestText = entry(pack, PackManifest.FILE_NAME);
        assertThat(manifestSha).isEqualTo(Digests.sha256Hex(manifestText));
        PackManifest manifest = PackManifest.parse(manifestText);
        assertThat(manifest.files()).extracting(PackManifest.PackFile::path)
                .containsExactly("VERIFY.txt", "appendix/statements.csv", "report.pdf");
        assertThat(manifest.scope()).containsEntry("connections", "orders-db").containsEntry("controls", "C1,C10")
                .containsEntry("period_from", "2026-11-01T00:00:00Z");
        assertThat(manifest.generatedBy()).isEqualTo("dora");
        assertThat(entry(pack, "VERIFY.txt")).contains("/api/v1/audit/public-key")
                .contains("java -jar gatehouse-verify.jar --pack evidence-p-7.zip --keys public-key.json").contains("Exit status 0 INTACT");
    }

    @Test
    void oneChangedByteInAnyWrittenFileFailsVerification() throws IOException {
        Path pack = temp.resolve("evidence-p-7.zip");
        try (OutputStream file = Files.newOutputStream(pack)) {
            writePack(file);
        }
        for (String path : List.of("report.pdf", "appendix/statements.csv", "VERIFY.txt")) {
            Path changed = rewriteWithOneByteFlipped(pack, path, temp.resolve("changed-" + path.replace('/', '_') + ".zip"));

            PackVerification result = new PackVerifier(signer.published()).verify(changed);

            assertThat(result.problems()).extracting(PackProblem::path, PackProblem::kind)
                    .containsExactly(tuple(path, PackProblem.Kind.ALTERED_FILE));
        }
    }

    @Test
    void theCallersStreamStaysOpen() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the writer closed the caller's stream");
            }
        };
        writePack(out);
        out.write('x'); // still writable
        assertThat(out.size()).isGreaterThan(100);
    }

    @Test
    void refusesPathsThatCouldEscapeOrShadowTheManifest() throws IOException {
        try (SignedPackWriter writer = new SignedPackWriter(new ByteArrayOutputStream())) {
            writer.open("report.pdf").close();
            for (String bad : List.of("report.pdf", "/etc/passwd", "../up.csv", "appendix/../x", "a//b", "dir/", "C:\\x", "MANIFEST.json",
                    "manifest.JSON", "MANIFEST.sig", "VERIFY.txt", "")) {
                assertThatThrownBy(() -> writer.open(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            }
            OutputStream open = writer.open("a.csv");
            assertThatThrownBy(() -> writer.open("b.csv")).isInstanceOf(IllegalStateException.class).hasMessageContaining("close a.csv");
            open.close();
        }
    }

    @Test
    void aSignatureByAnotherKeyThanTheHeaderNamesIsRefused() {
        PackHeader header = new PackHeader("p-8", Instant.parse("2026-12-01T10:00:00Z"), "dora", "gatehouse test", SCOPE, "ed25519-older");

        assertThatThrownBy(() -> new SignedPackWriter(new ByteArrayOutputStream()).finish(header, signer))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rotated");
    }

    private String writePack(OutputStream out) throws IOException {
        try (SignedPackWriter writer = new SignedPackWriter(out)) {
            try (OutputStream report = writer.open("report.pdf")) {
                report.write("%PDF-1.7 stand-in for the report".getBytes(StandardCharsets.UTF_8));
            }
            try (OutputStream csv = writer.open("appendix/statements.csv")) {
                for (int i = 0; i < 1000; i++) {
                    csv.write(("row " + i + ",select " + i + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return writer.finish(new PackHeader("p-7", Instant.parse("2026-12-01T10:00:00Z"), "dora", "gatehouse test", SCOPE,
                    TestSigner.KEY_ID), signer);
        }
    }

    static String entry(Path zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IOException("no " + name + " in " + zip);
    }

    private static Path rewriteWithOneByteFlipped(Path zip, String name, Path copy) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8);
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals(name)) {
                    content[content.length / 2] ^= 0x01;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return copy;
    }
}
