package dev.gatehouse.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.ChainedEvent;
import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.Digests;
import dev.gatehouse.proxy.audit.pack.ManifestSignature;
import dev.gatehouse.proxy.audit.pack.PackManifest;
import dev.gatehouse.proxy.audit.verify.AuditBundleWriter;
import dev.gatehouse.proxy.audit.verify.AuditRecord;
import dev.gatehouse.proxy.audit.verify.AuditSource;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import dev.gatehouse.proxy.audit.verify.SeqRange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built gatehouse-verify.jar the way an examiner does, with nothing but a JDK: on a bundle
 * made here, on a tampered copy of it, and against a database port where nothing listens (which
 * shows the PostgreSQL driver travelled inside the jar), and on a signed evidence pack and an altered
 * copy of it. Also checks the jar holds nothing else.
 */
class VerifyJarIT {

    private static final Instant START = Instant.parse("2026-11-26T03:00:00Z");
    private static final String KEY_ID = "k-2026-11";

    private final Path jar = Path.of(System.getProperty("gatehouse.verify.jar", "target/gatehouse-verify.jar"));

    @TempDir
    Path dir;
    private Path keys;
    private Path bundle;
    private KeyPair pair;

    @BeforeEach
    void makeBundle() throws Exception {
        pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<AuditRecord> chain = chain(50);
        List<Checkpoint> checkpoints = new ArrayList<>();
        String previousSignature = "";
        for (int seq : List.of(20, 40)) {
            Checkpoint checkpoint = Checkpoint.sign(seq, chain.get(seq - 1).event().hash(), START.plusSeconds(seq), KEY_ID, previousSignature,
                    pair.getPrivate());
            checkpoints.add(checkpoint);
            previousSignature = checkpoint.signature();
        }
        PublicKeys trusted = PublicKeys.of(List.of(new PublicKeys.TrustedKey(KEY_ID, pair.getPublic(), START, null)));
        keys = Files.writeString(dir.resolve("public-key.json"), trusted.toJson());
        bundle = dir.resolve("audit.zip");
        try (OutputStream out = Files.newOutputStream(bundle)) {
            AuditBundleWriter.write(new InMemorySource(chain, checkpoints), trusted, "VerifyJarIT", START.plusSeconds(3600), out);
        }
    }

    @Test
    void anIntactBundleExitsZero() throws Exception {
        Run run = verify("--keys", keys.toString(), "--bundle", bundle.toString());

        assertThat(run.exitCode).as(run.stderr).isEqualTo(0);
        assertThat(run.stdout.lines().findFirst().orElse("")).isEqualTo("INTACT: 50 events (seq 1..50), 2 checkpoints verified, "
                + "latest checkpoint seq 40 signed 2026-11-26T03:00:40.000000Z by key k-2026-11");
    }

    @Test
    void aTamperedCopyExitsOneWithTheReason() throws Exception {
        Path tampered = rewriteEvents(bundle, dir.resolve("tampered.zip"), "\"actor\":\"alice-7\"", "\"actor\":\"mallory\"");

        Run run = verify("--keys", keys.toString(), "--bundle", tampered.toString());

        assertThat(run.exitCode).as(run.stderr).isEqualTo(1);
        assertThat(run.stdout.lines().findFirst().orElse("")).isEqualTo("BROKEN at seq 7: MODIFIED_ROW \u2014 the stored hash of seq 7 does not "
                + "match its fields: the row was changed after it was written");
    }

    @Test
    void carriesThePostgresDriver() throws Exception {
        int nothingListens = FreePorts.freePort();

        Run run = verify("--keys", keys.toString(), "--db", "jdbc:postgresql://127.0.0.1:" + nothingListens + "/gatehouse");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.stderr.strip()).startsWith("gatehouse-verify: cannot connect to the database jdbc:postgresql://127.0.0.1:")
                .contains("refused").doesNotContain("No suitable driver").doesNotContain("Exception");
        assertThat(run.stderr.strip().lines()).hasSize(1);
    }

    @Test
    void holdsOnlyTheAuditClassesAndTheDriver() throws IOException {
        List<String> strays = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class"))
                    .filter(name -> !name.startsWith("dev/gatehouse/proxy/audit/") && !name.startsWith("org/postgresql/")
                            && !name.startsWith("META-INF/versions/"))
                    .forEach(strays::add);
        }
        assertThat(strays).isEmpty();
        assertThat(Files.size(jar)).as("bytes").isLessThan(3_000_000);
    }

    /** An evidence pack as the gateway lays it out: files, the period's bundle, a manifest signed with the audit key. */
    @Test
    void aSignedEvidencePackExitsZeroAndOneChangedByteExitsOneNamingTheFile() throws Exception {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        files.put("report.pdf", "%PDF-1.7 stand-in bytes for the report\n".getBytes(StandardCharsets.UTF_8));
        files.put("appendix/statements.csv", "session_id,sequence,statement\r\ns-1,1,select 1\r\n".getBytes(StandardCharsets.UTF_8));
        files.put("audit/chain-bundle.zip", Files.readAllBytes(bundle));
        Path pack = dir.resolve("pack");
        List<PackManifest.PackFile> listed = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = pack.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
            listed.add(new PackManifest.PackFile(file.getKey(), Digests.sha256Hex(file.getValue()), file.getValue().length));
        }
        byte[] manifest = PackManifest.of("p-1", START.plusSeconds(7200), "dora", "VerifyJarIT", Map.of("controls", "C1,C10"), KEY_ID, listed)
                .toBytes();
        Files.write(pack.resolve(PackManifest.FILE_NAME), manifest);
        Files.writeString(pack.resolve(ManifestSignature.FILE_NAME), ManifestSignature.sign(manifest, KEY_ID, pair.getPrivate()).toJson());
        Path zip = zip(pack, dir.resolve("evidence-p-1.zip"));

        Run intact = verify("--pack", zip.toString(), "--keys", keys.toString());
        assertThat(intact.exitCode).as(intact.stdout + intact.stderr).isEqualTo(0);

        Path statements = pack.resolve("appendix/statements.csv");
        byte[] altered = Files.readAllBytes(statements);
        altered[altered.length / 2] ^= 0x01;
        Files.write(statements, altered);
        Run broken = verify("--pack", zip(pack, dir.resolve("evidence-p-1-altered.zip")).toString(), "--keys", keys.toString());
        assertThat(broken.exitCode).as(broken.stdout + broken.stderr).isEqualTo(1);
        assertThat(broken.stdout).contains("appendix/statements.csv");
    }

    private static Path zip(Path from, Path zip) throws IOException {
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip), StandardCharsets.UTF_8);
                java.util.stream.Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(from.relativize(file).toString()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return zip;
    }

    private Run verify(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("gatehouse-verify finished").isTrue();
        return new Run(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static List<AuditRecord> chain(int count) {
        List<AuditRecord> chain = new ArrayList<>();
        String prev = ChainedEvent.GENESIS;
        for (int seq = 1; seq <= count; seq++) {
            String details = CanonicalJson.write(Map.of("connection", "orders-db", "note", "event " + seq));
            ChainedEvent event = ChainedEvent.link(seq, START.plusSeconds(seq), "connection.updated", "alice-" + seq, "user", "10.0.0.1",
                    "connection", "c-1", "orders-db", "success", Digests.sha256Hex(details), prev);
            chain.add(new AuditRecord(event, CanonicalJson.parse(details), null));
            prev = event.hash();
        }
        return chain;
    }

    private static Path rewriteEvents(Path bundle, Path copy, String from, String to) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(bundle));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("events.ndjson")) {
                    String text = new String(content, StandardCharsets.UTF_8);
                    assertThat(text).contains(from);
                    content = text.replace(from, to).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return copy;
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private record InMemorySource(List<AuditRecord> records, List<Checkpoint> checkpointList) implements AuditSource {
        @Override
        public String description() {
            return "the test chain";
        }

        @Override
        public SeqRange range() {
            return SeqRange.WHOLE_CHAIN;
        }

        @Override
        public Iterator<AuditRecord> events() {
            return records.iterator();
        }

        @Override
        public List<Checkpoint> checkpoints() {
            return checkpointList;
        }

        @Override
        public OptionalLong legacyUnchainedRows() {
            return OptionalLong.empty();
        }

        @Override
        public OptionalLong declaredLastSeq() {
            return OptionalLong.empty();
        }

        @Override
        public void close() {
        }
    }
}
