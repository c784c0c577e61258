package dev.gatehouse.evidence.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.evidence.PackScope;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examiner's fallback: a pack verified with sha256sum and OpenSSL alone, by running the pack's
 * own verify-with-openssl.sh in a real shell against the key the examiner holds, and the RFC 3161
 * token checked by openssl ts against a timestamp authority built in this test.
 */
class OpenSslFallbackTest {

    static final PackScope SCOPE = new PackScope(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"), List.of(),
            List.of(), Set.of());

    static TestTimestampAuthority tsa;

    final TestSigner signer = new TestSigner();

    @TempDir
    Path dir;

    @BeforeAll
    static void startTsa() throws Exception {
        tsa = new TestTimestampAuthority();
    }

    @AfterAll
    static void stopTsa() {
        if (tsa != null) {
            tsa.close();
        }
    }

    @Test
    void anIntactPackVerifiesWithOpenSslAloneAndItsTimestampVerifiesAgainstTheTsa() throws Exception {
        Path pack = unzip(writePack(new HttpTimestamper(tsa.url())));
        Path examinersKey = Files.writeString(dir.resolve("examiners-key.pem"), KeyFingerprint.pem(signer.keys().getPublic()));
        Path tsaCa = tsa.writeCertificate(dir.resolve("tsa-ca.pem"));

        Result result = run(pack, examinersKey.toString(), tsaCa.toString());

        assertThat(result.exit()).as(result.output()).isZero();
        String fingerprint = KeyFingerprint.sha256(signer.keys().getPublic());
        assertThat(result.output()).contains("Key fingerprint (SHA-256 of the public key): " + fingerprint)
                .contains("RFC 3161 timestamp over MANIFEST.json verified").contains("INTACT");
        String verifyTxt = Files.readString(pack.resolve("VERIFY.txt"));
        assertThat(verifyTxt).contains(fingerprint).contains("timestamped (RFC 3161) by " + tsa.url());
        // VERIFY.txt lists exactly what the pack holds: nothing absent (no chain bundle in this pack).
        assertThat(verifyTxt).doesNotContain("chain-bundle.zip");
        for (String file : List.of("MANIFEST.json", "MANIFEST.sig", "MANIFEST.sig.bin", "MANIFEST.json.tsr", "SHA256SUMS", "SHA256SUMS.sig",
                "audit/signing-key.pem", "verify-with-openssl.sh", "report.pdf")) {
            assertThat(verifyTxt).contains("  " + file + " ");
            assertThat(pack.resolve(file)).exists();
        }
    }

    @Test
    void anAlteredAddedOrMissingFileOrAnotherKeyIsBroken() throws Exception {
        Path zip = writePack(null);
        Path key = Files.writeString(dir.resolve("key.pem"), KeyFingerprint.pem(signer.keys().getPublic()));

        Path altered = unzip(zip, "altered");
        Files.writeString(altered.resolve("appendix/statements.csv"), "row 0,select 0 -- changed\n");
        assertThat(run(altered, key.toString()).exit()).isEqualTo(1);
        assertThat(run(altered, key.toString()).output()).contains("BROKEN: a file differs from SHA256SUMS");

        Path added = unzip(zip, "added");
        Files.writeString(added.resolve("appendix/extra.csv"), "slipped in\n");
        assertThat(run(added, key.toString()).output()).contains("BROKEN: files not listed in SHA256SUMS: appendix/extra.csv");

        Path missing = unzip(zip, "missing");
        Files.delete(missing.resolve("report.pdf"));
        assertThat(run(missing, key.toString()).exit()).isEqualTo(1);

        Path forged = unzip(zip, "forged");
        Files.writeString(forged.resolve("SHA256SUMS"), Files.readString(forged.resolve("SHA256SUMS")) + "");
        Path otherKey = Files.writeString(dir.resolve("other.pem"), KeyFingerprint.pem(new TestSigner().keys().getPublic()));
        Result wrongKey = run(forged, otherKey.toString());
        assertThat(wrongKey.exit()).isEqualTo(1);
        assertThat(wrongKey.output()).contains("BROKEN: the signature SHA256SUMS.sig does not verify with this key");

        // gatehouse-verify checks the same files as strictly.
        dev.gatehouse.proxy.audit.pack.PackVerifier verifier = new dev.gatehouse.proxy.audit.pack.PackVerifier(signer.published());
        assertThat(verifier.verify(altered).intact()).isFalse();
        assertThat(verifier.verify(added).intact()).isFalse();
        Path badSums = unzip(zip, "bad-sums-signature");
        byte[] sig = Files.readAllBytes(badSums.resolve("SHA256SUMS.sig"));
        sig[3] ^= 1;
        Files.write(badSums.resolve("SHA256SUMS.sig"), sig);
        assertThat(verifier.verify(badSums).problems()).anySatisfy(p -> assertThat(p.toString()).contains("SHA256SUMS.sig"));
        Path badRaw = unzip(zip, "bad-raw-signature");
        byte[] raw = Files.readAllBytes(badRaw.resolve("MANIFEST.sig.bin"));
        raw[3] ^= 1;
        Files.write(badRaw.resolve("MANIFEST.sig.bin"), raw);
        assertThat(verifier.verify(badRaw).intact()).isFalse();

        Path plain = unzip(zip, "plain");
        Result intact = run(plain, key.toString());
        assertThat(intact.exit()).as(intact.output()).isZero();
        assertThat(verifier.verify(plain).intact()).as(verifier.verify(plain).problems().toString()).isTrue();
        assertThat(verifier.verify(zip).intact()).isTrue();
        assertThat(Files.readString(plain.resolve("VERIFY.txt"))).contains("No RFC 3161 timestamp authority is configured");
        assertThat(plain.resolve("MANIFEST.json.tsr")).doesNotExist();
    }

    @Test
    void aTimestampAuthorityThatDoesNotAnswerRefusesThePackNamingIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpTimestamper silent = new HttpTimestamper(URI.create("http://127.0.0.1:" + closedPort + "/tsa"));

        assertThatThrownBy(() -> writePack(silent)).isInstanceOf(IOException.class)
                .hasMessageContaining("the timestamp authority http://127.0.0.1:" + closedPort + "/tsa did not timestamp the manifest")
                .hasMessageContaining("the pack is refused");
    }

    private Path writePack(Timestamper timestamper) throws IOException {
        Path zip = dir.resolve("evidence-p-9.zip");
        try (OutputStream out = Files.newOutputStream(zip); SignedPackWriter writer = new SignedPackWriter(out)) {
            try (OutputStream report = writer.open("report.pdf")) {
                report.write("%PDF-1.7 stand-in for the report".getBytes(StandardCharsets.UTF_8));
            }
            try (OutputStream csv = writer.open("appendix/statements.csv")) {
                for (int i = 0; i < 100; i++) {
                    csv.write(("row " + i + ",select " + i + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            writer.finish(new PackHeader("p-9", Instant.parse("2026-12-01T10:00:00Z"), "dora", "gatehouse test", SCOPE, TestSigner.KEY_ID),
                    signer, new PackCustody(signer.keys().getPublic(), Instant.parse("2026-10-01T00:00:00Z"), timestamper));
        }
        return zip;
    }

    private Path unzip(Path zip) throws IOException {
        return unzip(zip, "unzipped");
    }

    private Path unzip(Path zip, String name) throws IOException {
        Path target = Files.createDirectories(dir.resolve(name));
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = target.resolve(entry.getName());
                Files.createDirectories(file.getParent());
                Files.write(file, in.readAllBytes());
            }
        }
        return target;
    }

    record Result(int exit, String output) {
    }

    private static Result run(Path pack, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", pack.resolve("verify-with-openssl.sh").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
