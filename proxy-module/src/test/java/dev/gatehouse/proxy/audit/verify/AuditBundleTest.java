package dev.gatehouse.proxy.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.proxy.audit.Checkpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditBundleTest {

    private static final KeyPair KEYS = TestChain.keyPair();
    private final PublicKeys keys = TestChain.trusting(KEYS);
    private final List<AuditRecord> chain = withPurges(TestChain.events(30));
    private final List<Checkpoint> checkpoints = TestChain.checkpoints(chain, KEYS, 10, 20, 30);

    @TempDir
    Path dir;

    @Test
    void aBundleRoundTripsEveryFieldAndVerifies() throws IOException {
        ListAuditSource source = new ListAuditSource(chain, checkpoints, SeqRange.WHOLE_CHAIN, OptionalLong.of(4), OptionalLong.empty());
        Path bundle = Bundles.write(dir.resolve("audit.zip"), source, keys);

        assertThat(Bundles.entryNames(bundle)).containsExactly("events.ndjson", "checkpoints.ndjson", "public-keys.json", "manifest.json");
        try (AuditBundleReader reader = AuditBundleReader.open(bundle)) {
            BundleManifest manifest = reader.manifest();
            assertThat(manifest).isEqualTo(new BundleManifest(1, 1, null, 1L, 30L, 30, 3, 4L, 1, 1, "2026-11-27T09:00:00.000000Z",
                    "gatehouse tests"));
            List<AuditRecord> read = new ArrayList<>();
            reader.events().forEachRemaining(read::add);
            assertThat(read).extracting(EventLine::write).containsExactlyElementsOf(chain.stream().map(EventLine::write).toList());
            assertThat(read).extracting(AuditRecord::event).containsExactlyElementsOf(chain.stream().map(AuditRecord::event).toList());
            assertThat(reader.checkpoints()).containsExactlyElementsOf(checkpoints);
            assertThat(PublicKeys.parse(reader.includedPublicKeys()).keys()).extracting(PublicKeys.TrustedKey::keyId).containsExactly(TestChain.KEY_ID);

            VerificationReport report = new ChainVerifier(keys).verify(reader);
            assertThat(report.intact()).as(report.verdict()).isTrue();
            assertThat(report.eventsChecked()).isEqualTo(30);
            assertThat(report.legacyUnchainedRows()).isEqualTo(4);
            assertThat(report.latestCheckpoint().seq()).isEqualTo(30);
        }
    }

    @Test
    void eventLinesAreCanonicalJsonOnOneLineEach() throws IOException {
        Path bundle = Bundles.write(dir.resolve("audit.zip"), new ListAuditSource(chain, checkpoints), keys);

        String[] lines = Bundles.entryText(bundle, "events.ndjson").split("\n");

        assertThat(lines).hasSize(30);
        assertThat(lines[0]).startsWith("{\"action\":\"connection.updated\",\"actor\":\"alice\",\"actor_kind\":\"user\",")
                .contains("\"details\":{\"name\":\"orders-db\",\"note\":\"line \\\"1\\\"\\u000a\u00e9\u4e2d\"}", "\"payload\":null", "\"seq\":1,");
        assertThat(lines[2]).contains("\"payload\":{\"parameters\":\"[{\\\"index\\\":1,\\\"value\\\":\\\"3\\\"}]\",\"sql\":\"select * from orders");
    }

    @Test
    void aTamperedByteInEventsIsDetected() throws IOException {
        Path bundle = Bundles.write(dir.resolve("audit.zip"), new ListAuditSource(chain, checkpoints), keys);
        Path tampered = Bundles.rewrite(bundle, dir.resolve("tampered.zip"), "events.ndjson",
                text -> text.replace("\"client_address\":\"10.0.0.7\"", "\"client_address\":\"10.0.0.8\""));

        assertThat(verify(tampered).verdict()).startsWith("BROKEN at seq 7: MODIFIED_ROW \u2014 the stored hash of seq 7 does not match");
    }

    @Test
    void aLineThatIsNoLongerJsonIsDetectedAtItsSeq() throws IOException {
        Path bundle = Bundles.write(dir.resolve("audit.zip"), new ListAuditSource(chain, checkpoints), keys);
        Path tampered = Bundles.rewrite(bundle, dir.resolve("tampered.zip"), "events.ndjson",
                text -> text.replace("\"seq\":12,", "\"seq\":12;"));

        assertThat(verify(tampered).verdict())
                .startsWith("BROKEN at seq 12: MODIFIED_ROW \u2014 the record expected to hold seq 12 cannot be read: events.ndjson line 12: invalid JSON");
    }

    @Test
    void aChangedPayloadIsDetected() throws IOException {
        Path bundle = Bundles.write(dir.resolve("audit.zip"), new ListAuditSource(chain, checkpoints), keys);
        Path tampered = Bundles.rewrite(bundle, dir.resolve("tampered.zip"), "events.ndjson",
                text -> text.replace("-- 15\"", "-- 16\""));

        assertThat(verify(tampered).problem()).isEqualTo(new ChainProblem(15, ProblemKind.MODIFIED_PAYLOAD,
                "the recorded text of the statement behind seq 15 no longer gives the sql_sha256 its event holds"));
    }

    @Test
    void aBundleCutShortIsATruncatedTailEvenWithoutACheckpointPastTheCut() throws IOException {
        Path bundle = Bundles.write(dir.resolve("audit.zip"), new ListAuditSource(chain, checkpoints.subList(0, 2)), keys);
        Path cut = Bundles.rewrite(bundle, dir.resolve("cut.zip"), "events.ndjson",
                text -> text.substring(0, nthLineStart(text, 26)));

        VerificationReport report = verify(cut);

        assertThat(report.problem().kind()).as(report.verdict()).isEqualTo(ProblemKind.TRUNCATED_TAIL);
        assertThat(report.problem().seq()).isEqualTo(27);
        assertThat(report.problem().reason()).contains("declares seq 30 as the last");
    }

    /** Flipped bytes in the compressed data: an inflate or CRC error, or garbled lines; never "intact". */
    @Test
    void aCorruptedZipNeverVerifies() throws IOException {
        Path bundle = Bundles.write(dir.resolve("audit.zip"), new ListAuditSource(TestChain.events(2000), List.of()), keys);
        byte[] bytes = Files.readAllBytes(bundle);
        for (int at : List.of(bytes.length / 5, bytes.length / 3, bytes.length / 2)) {
            byte[] corrupted = bytes.clone();
            corrupted[at] ^= 0x5a;
            Path file = Files.write(dir.resolve("corrupted-" + at + ".zip"), corrupted);
            try {
                assertThat(verify(file).intact()).as("flipped byte %d", at).isFalse();
            } catch (IOException | AuditSourceException unreadable) {
                assertThat(unreadable.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void refusesWhatIsNotABundleOrIsNewer() throws IOException {
        Path notZip = Files.writeString(dir.resolve("not.zip"), "hello");
        assertThatThrownBy(() -> AuditBundleReader.open(notZip)).isInstanceOf(IOException.class).hasMessage("not.zip is not a zip file");

        Path bundle = Bundles.write(dir.resolve("audit.zip"), new ListAuditSource(chain, checkpoints), keys);
        Path newer = Bundles.rewrite(bundle, dir.resolve("newer.zip"), "manifest.json", text -> text.replace("\"format_version\":1", "\"format_version\":2"));
        assertThatThrownBy(() -> AuditBundleReader.open(newer)).isInstanceOf(IOException.class)
                .hasMessageContaining("format version 2, newer than this verifier reads (1)");
    }

    @Test
    void streamsALargeRangeWithoutHoldingIt() throws IOException {
        int count = 200_000;
        Path bundle = dir.resolve("large.zip");
        long started = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(bundle)) {
            // Computed as it is read, so the test itself never holds the range either.
            AuditBundleWriter.write(new StreamedAuditSource("a generated chain", () -> TestChain.generate(count)), keys, "gatehouse tests", Bundles.EXPORTED_AT, out);
        }
        long written = System.nanoTime();
        VerificationReport report = verify(bundle);
        long verified = System.nanoTime();

        assertThat(report.intact()).as(report.verdict()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(count);
        System.out.printf("AuditBundle: %d events, %d MB zipped; generated and written in %d ms; read and verified in %d ms = %.0f events/s%n",
                count, Files.size(bundle) / 1_000_000, (written - started) / 1_000_000, (verified - written) / 1_000_000,
                count / ((verified - written) / 1e9));
    }

    private VerificationReport verify(Path bundle) throws IOException {
        try (AuditBundleReader reader = AuditBundleReader.open(bundle)) {
            return new ChainVerifier(keys).verify(reader);
        }
    }

    private static int nthLineStart(String text, int lines) {
        int at = 0;
        for (int i = 0; i < lines; i++) {
            at = text.indexOf('\n', at) + 1;
        }
        return at;
    }

    private static List<AuditRecord> withPurges(List<AuditRecord> records) {
        List<AuditRecord> purged = new ArrayList<>(records);
        AuditRecord details = purged.get(3);
        purged.set(3, new AuditRecord(details.event(), null, null));
        AuditRecord payload = purged.get(5);
        purged.set(5, new AuditRecord(payload.event(), payload.details(), new StatementPayload(null, null)));
        return purged;
    }
}
