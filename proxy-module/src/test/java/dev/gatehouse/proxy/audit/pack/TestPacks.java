package dev.gatehouse.proxy.audit.pack;

import dev.gatehouse.proxy.audit.CanonicalJson;
import dev.gatehouse.proxy.audit.ChainedEvent;
import dev.gatehouse.proxy.audit.Checkpoint;
import dev.gatehouse.proxy.audit.Digests;
import dev.gatehouse.proxy.audit.verify.AuditBundleWriter;
import dev.gatehouse.proxy.audit.verify.AuditRecord;
import dev.gatehouse.proxy.audit.verify.AuditSource;
import dev.gatehouse.proxy.audit.verify.PublicKeys;
import dev.gatehouse.proxy.audit.verify.SeqRange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds evidence packs the way the gateway writes them (files, a chain bundle, a signed manifest),
 * in a directory and as a zip, with a key generated for the test.
 */
public final class TestPacks {

    public static final String KEY_ID = "ed25519-20261101-test";
    public static final Instant GENERATED_AT = Instant.parse("2026-12-01T10:00:00Z");
    public static final Instant KEY_CREATED = Instant.parse("2026-11-01T00:00:00Z");

    private TestPacks() {
    }

    public static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PublicKeys trusting(KeyPair keys, String keyId, Instant retiredAt) {
        return PublicKeys.of(List.of(new PublicKeys.TrustedKey(keyId, keys.getPublic(), KEY_CREATED, retiredAt)));
    }

    /** The files of a small pack, the chain bundle included, by path. */
    public static Map<String, byte[]> files(KeyPair keys, boolean chainIntact) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("report.pdf", "%PDF-1.7 not really a PDF, but bytes all the same\n".getBytes(StandardCharsets.UTF_8));
        files.put("appendix/statements.csv", "seq,connection,sql\n3,orders-db,select 1\n".getBytes(StandardCharsets.UTF_8));
        files.put("audit/public-key.json", trusting(keys, KEY_ID, null).toJson().getBytes(StandardCharsets.UTF_8));
        files.put(PackVerifier.CHAIN_BUNDLE, chainBundle(keys, chainIntact));
        return files;
    }

    /** Writes {@code files} into {@code dir} with MANIFEST.json signed by {@code signer} under {@code keyId}. */
    public static Path writeDirectory(Path dir, Map<String, byte[]> files, KeyPair signer, String keyId) throws IOException {
        List<PackManifest.PackFile> listed = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
            listed.add(new PackManifest.PackFile(file.getKey(), Digests.sha256Hex(file.getValue()), file.getValue().length));
        }
        PackManifest manifest = PackManifest.of("p-42", GENERATED_AT, "dora", "gatehouse tests",
                Map.of("period_from", "2026-11-01T00:00:00Z", "period_to", "2026-12-01T00:00:00Z", "controls", "C1,C10"), keyId, listed);
        byte[] manifestBytes = manifest.toBytes();
        Files.write(dir.resolve(PackManifest.FILE_NAME), manifestBytes);
        Files.writeString(dir.resolve(ManifestSignature.FILE_NAME), ManifestSignature.sign(manifestBytes, keyId, signer.getPrivate()).toJson());
        return dir;
    }

    /** Zips every file under {@code dir} into {@code zip}. */
    public static Path zip(Path dir, Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip), StandardCharsets.UTF_8);
                Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return zip;
    }

    /** A bundle of a six-event chain with a checkpoint at seq 6; when not intact, seq 4's actor was rewritten. */
    static byte[] chainBundle(KeyPair keys, boolean intact) throws IOException {
        List<AuditRecord> records = new ArrayList<>();
        String prev = ChainedEvent.GENESIS;
        for (long seq = 1; seq <= 6; seq++) {
            Map<String, Object> details = Map.of("n", seq);
            ChainedEvent event = ChainedEvent.link(seq, GENERATED_AT.minusSeconds(3600 - seq), "connection.updated", "alice", "user", "10.0.0.1",
                    "connection", "c-1", "orders-db", "success", Digests.sha256Hex(CanonicalJson.write(details)), prev);
            prev = event.hash();
            if (!intact && seq == 4) {
                event = new ChainedEvent(seq, event.occurredAt(), event.action(), "mallory", event.actorKind(), event.clientAddress(),
                        event.targetType(), event.targetId(), event.targetName(), event.outcome(), event.detailsSha256(), event.prevHash(),
                        event.hash());
            }
            records.add(new AuditRecord(event, CanonicalJson.parse(CanonicalJson.write(details)), null));
        }
        Checkpoint checkpoint = Checkpoint.sign(6, prev, GENERATED_AT.minusSeconds(60), KEY_ID, "", keys.getPrivate());
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        AuditBundleWriter.write(new Source(records, List.of(checkpoint)), trusting(keys, KEY_ID, null), "gatehouse tests", GENERATED_AT, bundle);
        return bundle.toByteArray();
    }

    /** Flips the lowest bit of the byte in the middle of {@code bytes}. */
    public static byte[] flipOneByte(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length / 2] ^= 0x01;
        return copy;
    }

    private record Source(List<AuditRecord> records, List<Checkpoint> checkpoints) implements AuditSource {
        @Override
        public String description() {
            return "the test chain";
        }

        @Override
        public SeqRange range() {
            return new SeqRange(1, 6);
        }

        @Override
        public Iterator<AuditRecord> events() {
            return records.iterator();
        }

        @Override
        public OptionalLong legacyUnchainedRows() {
            return OptionalLong.of(0);
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
