package dev.gatehouse.audit.siem.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends one record per line to a file and forces the batch to disk before it counts as delivered.
 * The file is opened per batch, so a log shipper may rotate it by renaming at any time.
 */
public final class FileTransport implements SiemTransport {

    private final Path file;

    public FileTransport(Path file) {
        this.file = file;
    }

    @Override
    public void send(List<String> records) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (String record : records) {
            lines.append(record).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }
    }

    @Override
    public void close() {
        // Nothing stays open between batches.
    }
}
