package dev.gatehouse.proxy.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps checkpoints as files in a directory, ideally on storage the database's administrators cannot
 * rewrite (a WORM mount, another host's share). One file per checkpoint,
 * {@code checkpoint-<seq, 20 digits>.json}, holding {@link Checkpoint#toJson()} and a newline.
 *
 * <p>A file is written whole or not at all: to a temporary file, flushed to disk, made read-only,
 * then linked under its final name, which fails if the name exists, so a checkpoint is never
 * overwritten, not even by a racing writer. Storing the identical checkpoint again succeeds.
 */
public final class DirectoryAnchor implements CheckpointAnchor {

    private static final Pattern FILE_NAME = Pattern.compile("checkpoint-(\\d{20})\\.json");

    private final Path directory;

    public DirectoryAnchor(Path directory) {
        this.directory = directory;
    }

    public static String fileName(long seq) {
        return String.format("checkpoint-%020d.json", seq);
    }

    @Override
    public String kind() {
        return "directory";
    }

    @Override
    public String store(Checkpoint checkpoint) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(fileName(checkpoint.seq()));
        byte[] content = (checkpoint.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
        if (Files.exists(target)) {
            return sameOrRefuse(target, content);
        }
        Path temporary = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            writeDurably(temporary, content);
            makeReadOnly(temporary);
            if (!publish(temporary, target)) {
                return sameOrRefuse(target, content);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        syncDirectory();
        return target.toAbsolutePath().toString();
    }

    /** Every checkpoint in the directory, sorted by seq; a file whose name and content disagree is refused. */
    public List<Checkpoint> readAll() throws IOException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                Matcher name = FILE_NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    checkpoints.add(read(file, Long.parseLong(name.group(1))));
                }
            }
        }
        checkpoints.sort(Comparator.comparingLong(Checkpoint::seq));
        return checkpoints;
    }

    private static Checkpoint read(Path file, long seqInName) throws IOException {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.fromJson(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(file.getFileName() + " is not a checkpoint: " + e.getMessage(), e);
        }
        if (checkpoint.seq() != seqInName) {
            throw new IOException(file.getFileName() + " holds the checkpoint for seq " + checkpoint.seq());
        }
        return checkpoint;
    }

    private static String sameOrRefuse(Path target, byte[] content) throws IOException {
        if (!Arrays.equals(Files.readAllBytes(target), content)) {
            throw new IOException(target.getFileName() + " already holds a different checkpoint; anchored checkpoints are never replaced");
        }
        return target.toAbsolutePath().toString();
    }

    private static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Gives the file its final name; false when that name was taken meanwhile. A hard link fails on
     * an existing name where a rename would silently replace it; only file systems without hard
     * links fall back to an atomic rename after a last check.
     */
    private static boolean publish(Path temporary, Path target) throws IOException {
        try {
            Files.createLink(target, temporary);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            if (Files.exists(target)) {
                return false;
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the anchor directory supports neither hard links nor atomic renames", e);
            }
        }
    }

    private static void makeReadOnly(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(PosixFilePermissions.fromString("r--r--r--"));
            return;
        }
        DosFileAttributeView dos = Files.getFileAttributeView(file, DosFileAttributeView.class);
        if (dos != null) {
            dos.setReadOnly(true);
        }
    }

    /** Makes the new directory entry itself durable; some platforms cannot open a directory, and lose only that. */
    private void syncDirectory() throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException notOnThisPlatform) {
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }
}
