package dev.gatehouse.assembly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The {@code store.ready} file: present, holding the JDBC URL, exactly while the store accepts
 * connections. Scripts that cannot read the store's stdout poll for it.
 */
final class ReadyMarker {

    private final Path file;

    ReadyMarker(Path file) {
        this.file = file;
    }

    /** Written under another name and moved into place, so a reader never sees half a URL. */
    void write(String jdbcUrl) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, jdbcUrl + "\n", StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
