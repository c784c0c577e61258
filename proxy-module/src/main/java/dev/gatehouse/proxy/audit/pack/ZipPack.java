package dev.gatehouse.proxy.audit.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** A pack as the zip the gateway served. */
final class ZipPack implements PackContents {

    private final ZipFile zip;

    private ZipPack(ZipFile zip) {
        this.zip = zip;
    }

    static ZipPack open(Path file) throws IOException {
        try {
            return new ZipPack(new ZipFile(file.toFile(), StandardCharsets.UTF_8));
        } catch (ZipException e) {
            throw new UnreadablePackException(file.getFileName() + " cannot be read as a zip (" + e.getMessage()
                    + "): it is damaged or cut short", e);
        }
    }

    @Override
    public List<String> paths() {
        List<String> paths = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (!entry.isDirectory()) {
                paths.add(entry.getName());
            }
        }
        return paths;
    }

    @Override
    public boolean has(String path) {
        ZipEntry entry = zip.getEntry(path);
        return entry != null && !entry.isDirectory();
    }

    @Override
    public InputStream open(String path) throws IOException {
        ZipEntry entry = zip.getEntry(path);
        if (entry == null) {
            throw new IOException("no " + path + " in the pack");
        }
        return zip.getInputStream(entry);
    }

    @Override
    public OnDisk onDisk(String path) throws IOException {
        Path copy = Files.createTempFile("gatehouse-pack-", ".part");
        try (InputStream in = open(path)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return new OnDisk(copy, true);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
