package dev.gatehouse.proxy.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.DirectoryAnchor;
import dev.gatehouse.proxy.audit.pack.TestPacks;
import dev.gatehouse.proxy.testing.ScratchDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    private static final KeyPair KEYS = TestChain.keyPair();
    private static final String PASSWORD = "correct-horse-battery-staple";

    private final List<AuditRecord> chain = TestChain.events(30);
    private final List<Checkpoint> checkpoints = TestChain.checkpoints(chain, KEYS, 10, 20, 30);

    @TempDir
    Path dir;
    private Path keys;
    private Path bundle;

    @BeforeEach
    void writeKeysAndBundle() throws IOException {
        keys = Files.writeString(dir.resolve("keys.json"), """
                {"keys":[{"key_id":"%s","algorithm":"Ed25519","public_key":"%s","created_at":"2026-11-01T00:00:00Z","retired_at":null}]}
                """.formatted(TestChain.KEY_ID, Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded())));
        bundle = Bundles.write(dir.resolve("audit.zip"), new ListAuditSource(chain, checkpoints), TestChain.trusting(KEYS));
    }

    @Test
    void anIntactBundleExitsZeroWithOneVerdictLine() {
        Run run = run("--keys", keys.toString(), "--bundle", bundle.toString());

        assertThat(run.status).isEqualTo(0);
        assertThat(run.out.lines().findFirst().orElseThrow()).isEqualTo("INTACT: 30 events (seq 1..30), 3 checkpoints verified, latest checkpoint "
                + "seq 30 signed 2026-11-26T03:00:30.623456Z by key k-2026-11");
        assertThat(run.err).isEmpty();
    }

    @Test
    void aTamperedBundleExitsOneNamingTheFirstBadSeq() throws IOException {
        Path tampered = Bundles.rewrite(bundle, dir.resolve("tampered.zip"), "events.ndjson", text -> text.replace("\"seq\":7,", "\"seq\":8,"));

        Run run = run("--keys", keys.toString(), "--bundle", tampered.toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out).startsWith("BROKEN at seq 7: ");
    }

    @Test
    void printsTheReportAsJson() {
        Run run = run("--keys", keys.toString(), "--bundle", bundle.toString(), "--json");

        assertThat(run.status).isEqualTo(0);
        Map<?, ?> report = (Map<?, ?>) CanonicalJson.parse(run.out.strip());
        assertThat(report.get("intact")).isEqualTo(true);
        assertThat(report.get("events_checked").toString()).isEqualTo("30");
        assertThat(((Map<?, ?>) report.get("latest_checkpoint")).get("key_id")).isEqualTo(TestChain.KEY_ID);
        assertThat(report.get("problem")).isNull();
    }

    @Test
    void acceptsAPemKeyAndAnAnchorDirectory() throws IOException {
        Path pem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        DirectoryAnchor anchor = new DirectoryAnchor(dir.resolve("anchor"));
        for (Checkpoint checkpoint : checkpoints) {
            anchor.store(checkpoint);
        }
        Path cut = Bundles.write(dir.resolve("cut.zip"), new ListAuditSource(chain.subList(0, 25), checkpoints.subList(0, 2)),
                TestChain.trusting(KEYS));

        assertThat(run("--keys", pem.toString(), "--bundle", bundle.toString(), "--anchor", dir.resolve("anchor").toString()).status)
                .isEqualTo(0);
        Run truncated = run("--keys", pem.toString(), "--bundle", cut.toString(), "--anchor", dir.resolve("anchor").toString());
        assertThat(truncated.status).isEqualTo(1);
        assertThat(truncated.out).startsWith("BROKEN at seq 26: TRUNCATED_TAIL \u2014 ");
    }

    @Test
    void verifiesADatabaseRangeWithThePasswordFromTheEnvironment() throws Exception {
        try (ScratchDatabase store = ScratchDatabase.create("verifycmd")) {
            store.migrate(1, 6);
            try (Connection connection = store.connect()) {
                StoreChain.reset(connection);
                StoreChain.insert(connection, 30, KEYS, 10, 20, 30);
            }

            Run whole = run("--keys", keys.toString(), "--db", store.url(), "--user", ScratchDatabase.USER, "--password-env", "PGPASS_FOR_TEST");
            assertThat(whole.status).as(whole.err).isEqualTo(0);
            assertThat(whole.out).startsWith("INTACT: 30 events (seq 1..30), 3 checkpoints verified");

            Run range = run("--keys", keys.toString(), "--db", store.url(), "--from", "11", "--to", "20");
            assertThat(range.status).as(range.err).isEqualTo(0);
            assertThat(range.out).startsWith("INTACT: 10 events (seq 11..20), 1 checkpoint verified")
                    .contains("prev_hash is not checked against seq 10");
        }
    }

    @Test
    void neverPrintsThePassword() {
        Run fromEnvironment = run("--keys", keys.toString(), "--db", "jdbc:postgresql://127.0.0.1:1/gatehouse", "--user", "auditor",
                "--password-env", "PGPASS_FOR_TEST");
        Run fromUrl = run("--keys", keys.toString(), "--db", "jdbc:postgresql://auditor:" + PASSWORD + "@127.0.0.1:1/gatehouse?password=" + PASSWORD);

        for (Run run : List.of(fromEnvironment, fromUrl)) {
            assertThat(run.status).isEqualTo(2);
            assertThat(run.err).startsWith("gatehouse-verify: cannot connect to the database jdbc:postgresql://127.0.0.1:1/gatehouse: ")
                    .doesNotContain(PASSWORD);
            assertThat(run.out + run.err).doesNotContain(PASSWORD);
            assertOneSentence(run);
        }
    }

    @Test
    void usageErrorsExitTwoWithOneSentence() {
        assertUsageError(run(), "--keys FILE is required");
        assertUsageError(run("--keys", keys.toString()), "give exactly one of --pack PACK, --bundle FILE.zip and --db JDBC_URL");
        assertUsageError(run("--keys", keys.toString(), "--bundle", "a.zip", "--db", "jdbc:postgresql:x"), "give exactly one of");
        assertUsageError(run("--keys", keys.toString(), "--bundle", "a.zip", "--from", "3"), "apply to --db only");
        assertUsageError(run("--keys", keys.toString(), "--db", "jdbc:mysql://x/y"), "PostgreSQL JDBC URL");
        assertUsageError(run("--keys", keys.toString(), "--db", "jdbc:postgresql:x", "--from", "zero"), "--from needs a seq");
        assertUsageError(run("--keys", keys.toString(), "--db", "jdbc:postgresql:x", "--from", "9", "--to", "3"), "--to 3 lies before --from 9");
        assertUsageError(run("--keys"), "--keys needs a value");
        assertUsageError(run("--verbose"), "unknown option --verbose");
        assertUsageError(run("--keys", keys.toString(), "--db", "jdbc:postgresql://127.0.0.1:1/x", "--password-env", "NOT_SET_ANYWHERE"),
                "the environment variable NOT_SET_ANYWHERE (--password-env) is not set");
    }

    @Test
    void unreadableInputsExitTwoWithOneSentence() throws IOException {
        Path notZip = Files.writeString(dir.resolve("not.zip"), "plain text");
        Path badKeys = Files.writeString(dir.resolve("bad.json"), "{\"keys\":[{\"key_id\":\"k\",\"algorithm\":\"RSA\"}]}");

        assertError(run("--keys", dir.resolve("missing.json").toString(), "--bundle", bundle.toString()), "the key file", "does not exist");
        assertError(run("--keys", badKeys.toString(), "--bundle", bundle.toString()), "cannot be used: key k is not Ed25519", "");
        assertError(run("--keys", keys.toString(), "--bundle", dir.resolve("missing.zip").toString()), "the bundle", "does not exist");
        assertError(run("--keys", keys.toString(), "--bundle", notZip.toString()), "not.zip is not a zip file", "");
        assertError(run("--keys", keys.toString(), "--bundle", bundle.toString(), "--anchor", dir.resolve("none").toString()),
                "the anchor directory", "does not exist");
    }

    @Test
    void aDatabaseWithoutTheAuditTablesIsAnErrorNotAVerdict() throws Exception {
        try (ScratchDatabase empty = ScratchDatabase.create("verifyempty")) {
            Run run = run("--keys", keys.toString(), "--db", empty.url());

            assertError(run, "from the database " + empty.url() + " failed", "audit_");
        }
    }

    @Test
    void aPackExitsZeroWhenIntactOneWhenAlteredTwoWhenMissing() throws IOException {
        KeyPair packKeys = TestPacks.keyPair();
        Path packKeyFile = Files.writeString(dir.resolve("pack-keys.json"), TestPacks.trusting(packKeys, TestPacks.KEY_ID, null).toJson());
        Path unzipped = TestPacks.writeDirectory(dir.resolve("pack"), TestPacks.files(packKeys, true), packKeys, TestPacks.KEY_ID);
        Path pack = TestPacks.zip(unzipped, dir.resolve("evidence-p-42.zip"));

        Run intact = run("--pack", pack.toString(), "--keys", packKeyFile.toString());
        assertThat(intact.status).as(intact.err).isEqualTo(0);
        assertThat(intact.out).startsWith("INTACT: evidence pack p-42, 4 files match the manifest signed by key " + TestPacks.KEY_ID);

        Files.write(unzipped.resolve("report.pdf"), TestPacks.flipOneByte(Files.readAllBytes(unzipped.resolve("report.pdf"))));
        Run altered = run("--pack", unzipped.toString(), "--keys", packKeyFile.toString(), "--json");
        assertThat(altered.status).isEqualTo(1);
        Map<?, ?> report = (Map<?, ?>) CanonicalJson.parse(altered.out.strip());
        assertThat(report.get("intact")).isEqualTo(false);
        assertThat(((Map<?, ?>) ((List<?>) report.get("problems")).get(0)).get("path")).isEqualTo("report.pdf");

        assertError(run("--pack", dir.resolve("missing.zip").toString(), "--keys", packKeyFile.toString()), "the pack", "does not exist");
        assertUsageError(run("--pack", pack.toString()), "--keys FILE is required");
        assertUsageError(run("--pack", pack.toString(), "--keys", packKeyFile.toString(), "--bundle", bundle.toString()), "give exactly one of");
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        Run run = run("--help");

        assertThat(run.status).isEqualTo(0);
        assertThat(run.out).startsWith("usage: java -jar gatehouse-verify.jar --keys FILE").contains("exit status: 0 intact, 1 broken, 2");
    }

    @Test
    void theUrlLosesItsSecretsBeforeItIsShown() {
        assertThat(VerifyCommand.withoutSecrets("jdbc:postgresql://u:p@db:5432/g?password=p&ssl=true")).isEqualTo("jdbc:postgresql://db:5432/g");
        assertThat(VerifyCommand.withoutSecrets("jdbc:postgresql://db/g")).isEqualTo("jdbc:postgresql://db/g");
    }

    private static void assertUsageError(Run run, String sentence) {
        assertError(run, sentence, "(see --help)");
    }

    private static void assertError(Run run, String part, String otherPart) {
        assertThat(run.status).as(run.err).isEqualTo(2);
        assertThat(run.err).startsWith("gatehouse-verify: ").contains(part).contains(otherPart);
        assertThat(run.out).isEmpty();
        assertOneSentence(run);
    }

    private static void assertOneSentence(Run run) {
        assertThat(run.err.strip().lines()).hasSize(1);
        assertThat(run.err).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new VerifyCommand(name -> name.equals("PGPASS_FOR_TEST") ? PASSWORD : null,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
    }
}
