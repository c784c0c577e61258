package dev.gatehouse.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's file handling on a real directory. The row is kept by a recording stand-in for
 * EvidencePackStore (the real one needs the container's transactions; EvidencePacksResourceIT runs it),
 * and the builders are small test builders of the PackBuilder port.
 */
class EvidencePackJobTest {

    private static final PackScope SCOPE = new PackScope(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"),
            List.of(), List.of(), Set.of());

    @TempDir
    Path directory;

    private final UUID id = UUID.randomUUID();
    private final RecordingStore store = new RecordingStore();

    @Test
    void aBuiltPackIsRenamedFromItsPartFileAndItsDigestIsTheWholeZips() throws Exception {
        byte[] content = "PK-not-really-a-zip-but-bytes".getBytes(StandardCharsets.UTF_8);
        PackBuilder builder = (packId, scope, requestedBy, out, progress) -> {
            progress.at("writing", 50);
            assertThat(directory.resolve("evidence-" + id + ".zip.part")).as("written beside the final name first").exists();
            out.write(content, 0, 10);
            out.write(content, 10, content.length - 10);
            return new PackBuilder.BuiltPack(42, "manifest-digest");
        };

        job(builder).run();

        Path zip = directory.resolve("evidence-" + id + ".zip");
        assertThat(zip).hasBinaryContent(content);
        assertThat(directory.resolve("evidence-" + id + ".zip.part")).doesNotExist();
        assertThat(store.calls).containsExactly("running", "progress writing 50",
                "completed evidence-" + id + ".zip " + content.length + " " + sha256(Files.readAllBytes(zip)) + " 42");
    }

    @Test
    void aFailingBuilderLeavesNoFileAndOneClearSentence() throws Exception {
        PackBuilder builder = (packId, scope, requestedBy, out, progress) -> {
            out.write(new byte[1000]);
            throw new IOException("disk full\n  while writing appendix/statements.csv");
        };

        job(builder).run();

        try (var files = Files.list(directory)) {
            assertThat(files).as("neither the part file nor a zip").isEmpty();
        }
        assertThat(store.calls).containsExactly("running",
                "failed The pack could not be written: disk full while writing appendix/statements.csv.");
    }

    @Test
    void anUnexpectedErrorNamesItsKindWhenItHasNoMessage() {
        job((packId, scope, requestedBy, out, progress) -> {
            throw new NullPointerException();
        }).run();

        assertThat(store.calls).last().isEqualTo("failed The pack could not be built: NullPointerException.");
    }

    private EvidencePackJob job(PackBuilder builder) {
        return new EvidencePackJob(id, SCOPE, "dora", directory, builder, store, Clock.systemUTC());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Records what the job tells the row, in order. */
    private static final class RecordingStore extends EvidencePackStore {
        final List<String> calls = new ArrayList<>();

        @Override
        public void running(UUID id, Instant at) {
            calls.add("running");
        }

        @Override
        public void progress(UUID id, String stage, int percent) {
            calls.add("progress " + stage + " " + percent);
        }

        @Override
        public void completed(UUID id, String fileName, long size, String sha256, PackBuilder.BuiltPack built, Instant at) {
            calls.add("completed " + fileName + " " + size + " " + sha256 + " " + built.statements());
        }

        @Override
        public void failed(UUID id, String error, Instant at) {
            calls.add("failed " + error);
        }
    }
}
