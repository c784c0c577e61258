package dev.gatehouse.proxy.audit.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A pack the examiner unzipped into a directory. */
final class DirectoryPack implements PackContents {

    private final Path root;

    DirectoryPack(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public List<String> paths() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(file -> root.relativize(file).toString().replace(root.getFileSystem().getSeparator(), "/"))
                    .sorted().toList();
        }
    }

    @Override
    public boolean has(String path) {
        Path file = resolve(path);
        return file != null && Files.isRegularFile(file);
    }

    @Override
    public InputStream open(String path) throws IOException {
        Path file = resolve(path);
        if (file == null) {
            throw new IOException(path + " lies outside the pack");
        }
        return Files.newInputStream(file);
    }

    @Override
    public OnDisk onDisk(String path) throws IOException {
        Path file = resolve(path);
        if (file == null) {
            throw new IOException(path + " lies outside the pack");
        }
        return new OnDisk(file, false);
    }

    /** Null for a path that would leave the pack ("../x", "/etc/x"): a listed path never reads outside it. */
    private Path resolve(String path) {
        Path file = root.resolve(path).normalize();
        return file.startsWith(root) && !file.equals(root) ? file : null;
    }

    @Override
    public void close() {
    }
}
