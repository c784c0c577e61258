package dev.gatehouse.proxy.audit.verify;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Writes test bundles and tampers with them the way someone holding the file could. */
final class Bundles {

    static final Instant EXPORTED_AT = Instant.parse("2026-11-27T09:00:00Z");

    private Bundles() {
    }

    static Path write(Path file, ListAuditSource source, PublicKeys keys) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            AuditBundleWriter.write(source, keys, "gatehouse tests", EXPORTED_AT, out);
        }
        return file;
    }

    /** A copy of {@code bundle} with one entry's text rewritten and every other entry kept as it was. */
    static Path rewrite(Path bundle, Path copy, String entryName, UnaryOperator<String> change) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(bundle), StandardCharsets.UTF_8);
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals(entryName)) {
                    content = change.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return copy;
    }

    static String entryText(Path bundle, String entryName) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(bundle), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(entryName)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IOException("no " + entryName);
    }

    static List<String> entryNames(Path bundle) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(bundle), StandardCharsets.UTF_8)) {
            List<String> names = new ArrayList<>();
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
            return names;
        }
    }
}
