package dev.gatehouse.proxy.audit.pack;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of a pack, whether the examiner kept the zip or unzipped it: paths are relative and
 * '/'-separated in both forms, so the manifest's paths are compared the same way.
 */
interface PackContents extends Closeable {

    /** Every file in the pack, in the order found; a zip may list one path twice (the verifier reports it). */
    List<String> paths() throws IOException;

    boolean has(String path);

    /** The file's bytes, streamed; an IOException while reading means the file is damaged. */
    InputStream open(String path) throws IOException;

    /**
     * The file as a path on disk, for readers that need random access (the chain bundle is itself a
     * zip); {@code temporary} says whether the caller deletes it afterwards.
     */
    OnDisk onDisk(String path) throws IOException;

    record OnDisk(Path file, boolean temporary) implements Closeable {
        @Override
        public void close() throws IOException {
            if (temporary) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** A pack that cannot be opened at all: not a zip, or a zip cut short. */
    final class UnreadablePackException extends IOException {
        UnreadablePackException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static PackContents open(Path pack) throws IOException {
        return Files.isDirectory(pack) ? new DirectoryPack(pack) : ZipPack.open(pack);
    }
}
