package dev.gatehouse.proxy.audit.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.gatehouse.proxy.audit.Digests;
import dev.gatehouse.proxy.audit.pack.PackProblem.Kind;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs built with a generated Ed25519 key, verified as the examiner does, then changed the ways someone holding them could. */
class PackVerifierTest {

    private static final KeyPair KEYS = TestPacks.keyPair();
    private static final PublicKeys TRUSTED = TestPacks.trusting(KEYS, TestPacks.KEY_ID, null);

    @TempDir
    Path temp;
    private Map<String, byte[]> files;
    private Path dir;
    private Path zip;

    @BeforeEach
    void buildPack() throws IOException {
        files = TestPacks.files(KEYS, true);
        dir = TestPacks.writeDirectory(temp.resolve("pack"), files, KEYS, TestPacks.KEY_ID);
        zip = TestPacks.zip(dir, temp.resolve("evidence-p-42.zip"));
    }

    @Test
    void anIntactPackVerifiesAsZipAndAsDirectory() throws IOException {
        for (Path pack : List.of(zip, dir)) {
            PackVerification result = new PackVerifier(TRUSTED).verify(pack);

            assertThat(result.intact()).as(result.humanText()).isTrue();
            assertThat(result.filesChecked()).isEqualTo(files.size());
            assertThat(result.keyId()).isEqualTo(TestPacks.KEY_ID);
            assertThat(result.packId()).isEqualTo("p-42");
            assertThat(result.chain().intact()).isTrue();
            assertThat(result.chain().eventsChecked()).isEqualTo(6);
            assertThat(result.humanText()).startsWith("INTACT: evidence pack p-42, 4 files match the manifest signed by key " + TestPacks.KEY_ID)
                    .contains("audit chain (audit/chain-bundle.zip): INTACT: 6 events (seq 1..6), 1 checkpoint verified");
        }
    }

    @Test
    void oneFlippedByteInAnyFileFailsNamingThatFileInBothForms() throws IOException {
        for (String path : allFiles()) {
            Path changedDir = copyDirectory(dir, temp.resolve("changed-" + path.replace('/', '_')));
            Path file = changedDir.resolve(path);
            Files.write(file, TestPacks.flipOneByte(Files.readAllBytes(file)));
            Path changedZip = TestPacks.zip(changedDir, temp.resolve("changed-" + path.replace('/', '_') + ".zip"));

            for (Path pack : List.of(changedDir, changedZip)) {
                PackVerification result = new PackVerifier(TRUSTED).verify(pack);

                assertThat(result.intact()).as("%s changed in %s", path, pack.getFileName()).isFalse();
                assertThat(result.problems()).as(result.humanText()).extracting(PackProblem::path).contains(path);
                if (files.containsKey(path)) {
                    assertThat(result.problems()).filteredOn(p -> p.path().equals(path)).extracting(PackProblem::kind).contains(Kind.ALTERED_FILE);
                }
            }
        }
    }

    @Test
    void anEditedManifestThatListsTheChangedFileFailsTheSignature() throws IOException {
        byte[] changedReport = TestPacks.flipOneByte(files.get("report.pdf"));
        Files.write(dir.resolve("report.pdf"), changedReport);
        PackManifest signed = PackManifest.parse(Files.readString(dir.resolve(PackManifest.FILE_NAME)));
        List<PackManifest.PackFile> relisted = signed.files().stream().map(f -> f.path().equals("report.pdf")
                ? new PackManifest.PackFile(f.path(), Digests.sha256Hex(changedReport), f.size()) : f).toList();
        Files.write(dir.resolve(PackManifest.FILE_NAME), PackManifest.of(signed.packId(), signed.generatedAt(), signed.generatedBy(),
                signed.generator(), signed.scope(), signed.keyId(), relisted).toBytes());

        PackVerification result = new PackVerifier(TRUSTED).verify(dir);

        assertThat(result.problems()).extracting(PackProblem::path, PackProblem::kind)
                .containsExactly(tuple(ManifestSignature.FILE_NAME, Kind.BAD_SIGNATURE));
    }

    @Test
    void aMissingFileAndAnExtraFileAreNamed() throws IOException {
        Files.delete(dir.resolve("appendix/statements.csv"));
        Files.writeString(dir.resolve("appendix/added.csv"), "seq\n99\n");

        for (Path pack : List.of(dir, TestPacks.zip(dir, temp.resolve("edited.zip")))) {
            PackVerification result = new PackVerifier(TRUSTED).verify(pack);

            assertThat(result.problems()).extracting(PackProblem::path, PackProblem::kind).containsExactlyInAnyOrder(
                    tuple("appendix/statements.csv", Kind.MISSING_FILE),
                    tuple("appendix/added.csv", Kind.EXTRA_FILE));
        }
    }

    @Test
    void aSignatureByAnotherKeyUnderTheTrustedIdIsBad() throws IOException {
        Path forged = TestPacks.writeDirectory(temp.resolve("forged"), files, TestPacks.keyPair(), TestPacks.KEY_ID);

        assertThat(kinds(new PackVerifier(TRUSTED).verify(forged))).containsExactly(Kind.BAD_SIGNATURE);
    }

    @Test
    void aKeyIdTheExaminerDoesNotHoldIsUnknown() throws IOException {
        Path other = TestPacks.writeDirectory(temp.resolve("other"), files, KEYS, "ed25519-somebody-else");

        PackVerification result = new PackVerifier(TRUSTED).verify(other);

        assertThat(kinds(result)).containsExactly(Kind.UNKNOWN_KEY);
        assertThat(result.problems().get(0).sentence()).contains("ed25519-somebody-else").contains("not among the trusted keys");
    }

    @Test
    void aManifestSignedAfterTheKeyRetiredFails() throws IOException {
        PublicKeys retiredBefore = TestPacks.trusting(KEYS, TestPacks.KEY_ID, TestPacks.GENERATED_AT.minusSeconds(1));

        assertThat(kinds(new PackVerifier(retiredBefore).verify(zip))).containsExactly(Kind.SIGNED_AFTER_RETIREMENT);
    }

    @Test
    void aTruncatedOrNonZipPackIsBrokenWithASentence() throws IOException {
        byte[] whole = Files.readAllBytes(zip);
        Path truncated = Files.write(temp.resolve("truncated.zip"), Arrays.copyOf(whole, whole.length - 30));
        Path notZip = Files.writeString(temp.resolve("notes.zip"), "this is not a zip");

        for (Path pack : List.of(truncated, notZip)) {
            PackVerification result = new PackVerifier(TRUSTED).verify(pack);

            assertThat(kinds(result)).containsExactly(Kind.UNREADABLE_PACK);
            assertThat(result.humanText()).contains("cannot be read as a zip").contains("damaged or cut short").doesNotContain("Exception");
        }
    }

    @Test
    void aPackWithoutManifestOrSignatureIsBroken() throws IOException {
        Files.delete(dir.resolve(ManifestSignature.FILE_NAME));
        assertThat(new PackVerifier(TRUSTED).verify(dir).problems()).extracting(PackProblem::path, PackProblem::kind)
                .containsExactly(tuple(ManifestSignature.FILE_NAME, Kind.MISSING_FILE));

        Files.delete(dir.resolve(PackManifest.FILE_NAME));
        assertThat(kinds(new PackVerifier(TRUSTED).verify(dir))).contains(Kind.MISSING_FILE).hasSize(2);
    }

    @Test
    void aSignedPackOverABrokenChainReportsTheChainVerdict() throws IOException {
        Path pack = TestPacks.writeDirectory(temp.resolve("broken-chain"), TestPacks.files(KEYS, false), KEYS, TestPacks.KEY_ID);

        PackVerification result = new PackVerifier(TRUSTED).verify(pack);

        assertThat(kinds(result)).containsExactly(Kind.BROKEN_CHAIN);
        assertThat(result.problems().get(0).sentence()).startsWith("BROKEN at seq 4: MODIFIED_ROW");
        assertThat(result.toJson()).contains("\"intact\":false").contains("\"kind\":\"BROKEN_CHAIN\"");
    }

    @Test
    void aPathThatDoesNotExistCannotBeVerified() {
        assertThatThrownBy(() -> new PackVerifier(TRUSTED).verify(temp.resolve("nowhere.zip"))).isInstanceOf(IOException.class)
                .hasMessageContaining("does not exist");
    }

    private List<String> allFiles() {
        List<String> all = new ArrayList<>(files.keySet());
        all.add(PackManifest.FILE_NAME);
        all.add(ManifestSignature.FILE_NAME);
        return all;
    }

    private static List<Kind> kinds(PackVerification result) {
        return result.problems().stream().map(PackProblem::kind).toList();
    }

    private static Path copyDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }
}
