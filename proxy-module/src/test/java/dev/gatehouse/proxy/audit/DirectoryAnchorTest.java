package dev.gatehouse.proxy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryAnchorTest {

    private static final KeyPair KEYS = keyPair();
    private static final Instant AT = Instant.parse("2026-11-26T03:20:00Z");

    @TempDir
    Path directory;

    @Test
    void storesOneReadOnlyFilePerCheckpointNamedByItsSeq() throws IOException {
        Checkpoint checkpoint = checkpoint(42, "");

        String location = new DirectoryAnchor(directory).store(checkpoint);

        Path file = directory.resolve("checkpoint-00000000000000000042.json");
        assertThat(location).isEqualTo(file.toAbsolutePath().toString());
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(checkpoint.toJson() + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--r--r--");
        assertThat(listing()).containsExactly("checkpoint-00000000000000000042.json");
    }

    @Test
    void storingTheSameCheckpointAgainSucceeds() throws IOException {
        DirectoryAnchor anchor = new DirectoryAnchor(directory);
        Checkpoint checkpoint = checkpoint(7, "");

        String first = anchor.store(checkpoint);
        String again = anchor.store(checkpoint);

        assertThat(again).isEqualTo(first);
        assertThat(listing()).hasSize(1);
    }

    @Test
    void aDifferentCheckpointForTheSameSeqIsRefusedAndTheFileKept() throws IOException {
        DirectoryAnchor anchor = new DirectoryAnchor(directory);
        Checkpoint original = checkpoint(7, "");
        anchor.store(original);

        assertThatThrownBy(() -> anchor.store(checkpoint(7, "c29tZXRoaW5nIGVsc2U=")))
                .isInstanceOf(IOException.class).hasMessageContaining("already holds a different checkpoint");
        assertThat(anchor.readAll()).containsExactly(original);
        assertThat(listing()).hasSize(1);
    }

    @Test
    void readsEveryCheckpointSortedBySeqAndSkipsOtherFiles() throws IOException {
        DirectoryAnchor anchor = new DirectoryAnchor(directory);
        Checkpoint c300 = checkpoint(300, "");
        Checkpoint c2 = checkpoint(2, "");
        Checkpoint c10 = checkpoint(10, "");
        for (Checkpoint c : List.of(c300, c2, c10)) {
            anchor.store(c);
        }
        Files.writeString(directory.resolve("README.txt"), "kept by the operators");

        assertThat(anchor.readAll()).containsExactly(c2, c10, c300);
    }

    @Test
    void aFileWhoseNameAndContentDisagreeIsRefused() throws IOException {
        Files.writeString(directory.resolve(DirectoryAnchor.fileName(5)), checkpoint(6, "").toJson());

        assertThatThrownBy(() -> new DirectoryAnchor(directory).readAll()).isInstanceOf(IOException.class)
                .hasMessage("checkpoint-00000000000000000005.json holds the checkpoint for seq 6");
    }

    @Test
    void aFileThatIsNoCheckpointIsRefused() throws IOException {
        Files.writeString(directory.resolve(DirectoryAnchor.fileName(5)), "{\"seq\":");

        assertThatThrownBy(() -> new DirectoryAnchor(directory).readAll()).isInstanceOf(IOException.class)
                .hasMessageStartingWith("checkpoint-00000000000000000005.json is not a checkpoint");
    }

    @Test
    void createsTheDirectoryOnFirstStore() throws IOException {
        Path nested = directory.resolve("anchor/checkpoints");

        new DirectoryAnchor(nested).store(checkpoint(1, ""));

        assertThat(new DirectoryAnchor(nested).readAll()).hasSize(1);
    }

    private static Checkpoint checkpoint(long seq, String previousSignature) {
        return Checkpoint.sign(seq, Digests.sha256Hex("row " + seq), AT, "k-1", previousSignature, KEYS.getPrivate());
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
